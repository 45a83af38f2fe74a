import { useCallback, useEffect, useState } from 'react';
import type { ApiErrorBody, ApiResult } from './api.ts';

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'error'; readonly error: ApiErrorBody } | { readonly state: 'ready'; readonly data: T };

/**
 * Runs an API call when `key` changes and ignores answers that arrive after a newer call started,
 * so a slow response can never overwrite a fresher one.
 */
export function useLoad<T>(load: () => Promise<ApiResult<T>>, key: string): { loaded: Loaded<T>; reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    void load().then((r) => {
      if (!current) return;
      setLoaded(r.ok ? { state: 'ready', data: r.data } : { state: 'error', error: r.error });
    });
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` names what it loads.
  }, [key, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { loaded, reload };
}
