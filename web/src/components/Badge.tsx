import type { ReactNode } from 'react';
import type { Severity } from '../format.ts';

/** A small coloured label; the colour comes from a severity (or a neutral tone), never from free CSS. */
export function Badge({ tone, title, children, testId }: { tone: Severity | 'neutral' | 'info'; title?: string; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
