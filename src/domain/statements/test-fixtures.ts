import { readFileSync } from 'node:fs';

/** Reads a statement fixture as text (Latin-1 fixtures decoded as such). Test helper only. */
export function fixture(name: string, encoding: 'utf-8' | 'latin1' = 'utf-8'): string {
  return readFileSync(new URL(`../../../test/fixtures/statements/${name}`, import.meta.url)).toString(encoding);
}
