import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf } from './router.ts';

describe('router', () => {
  it('maps paths to pages', () => {
    expect(parseRoute('/')).toEqual({ name: 'accounts' });
    expect(parseRoute('/accounts/')).toEqual({ name: 'accounts' });
    expect(parseRoute('/login')).toEqual({ name: 'login' });
    expect(parseRoute('/import')).toEqual({ name: 'import' });
    expect(parseRoute('/users')).toEqual({ name: 'users' });
    expect(parseRoute('/debtors/6f1c')).toEqual({ name: 'debtor', id: '6f1c' });
    expect(parseRoute('/debtors/a/b')).toEqual({ name: 'not_found', path: '/debtors/a/b' });
  });

  it('round-trips any debtor id through its path', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (id) => {
        expect(parseRoute(pathOf({ name: 'debtor', id }))).toEqual({ name: 'debtor', id });
      }),
    );
  });
});
