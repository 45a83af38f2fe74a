import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from './result.ts';

describe('result', () => {
  it('ok carries the value', () => {
    const r: Result<number> = ok(3);
    expect(r).toEqual({ ok: true, value: 3 });
  });

  it('fail carries the message', () => {
    const r: Result<number> = fail('nope');
    expect(r).toEqual({ ok: false, message: 'nope' });
  });
});
