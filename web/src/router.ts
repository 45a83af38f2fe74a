import { useSyncExternalStore } from 'react';

/** The app's pages. A tiny history router: five pages do not need a routing library. */
export type Route =
  | { readonly name: 'login' }
  | { readonly name: 'accounts' }
  | { readonly name: 'debtor'; readonly id: string }
  | { readonly name: 'import' }
  | { readonly name: 'users' }
  | { readonly name: 'not_found'; readonly path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/accounts') return { name: 'accounts' };
  if (path === '/login') return { name: 'login' };
  if (path === '/import') return { name: 'import' };
  if (path === '/users') return { name: 'users' };
  const debtor = /^\/debtors\/([^/]+)$/.exec(path);
  if (debtor?.[1]) return { name: 'debtor', id: decodeURIComponent(debtor[1]) };
  return { name: 'not_found', path };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'login':
      return '/login';
    case 'accounts':
      return '/accounts';
    case 'debtor':
      return `/debtors/${encodeURIComponent(route.id)}`;
    case 'import':
      return '/import';
    case 'users':
      return '/users';
    case 'not_found':
      return route.path;
  }
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Goes to a page without reloading; `replace` for redirects the back button should skip. */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (opts.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

/** The current route, re-rendering on navigation and back/forward. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return parseRoute(pathname);
}
