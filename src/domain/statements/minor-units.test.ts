import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMinorUnits, toMinorUnits } from './minor-units.ts';

describe('minor units', () => {
  it('formats with the currency exponent', () => {
    expect(formatMinorUnits(123456n, 2)).toBe('1234.56');
    expect(formatMinorUnits(5n, 2)).toBe('0.05');
    expect(formatMinorUnits(-150n, 2)).toBe('-1.50');
    expect(formatMinorUnits(1000n, 0)).toBe('1000');
    expect(formatMinorUnits(1n, 3)).toBe('0.001');
  });

  it('knows IDR has two decimals and JPY none', () => {
    expect(currencyExponent('IDR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('accepts trailing zero decimals but refuses to round real precision away', () => {
    expect(toMinorUnits('1250000', '000', 2)).toEqual({ ok: true, value: 125000000n });
    expect(toMinorUnits('1', '5', 2)).toEqual({ ok: true, value: 150n });
    expect(toMinorUnits('1', '001', 2).ok).toBe(false);
  });

  it('round-trips any amount through its decimal text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.constantFrom(0, 2, 3), (minor, exp) => {
        const text = formatMinorUnits(minor, exp);
        const [whole, frac = ''] = text.split('.');
        expect(toMinorUnits(whole!, frac, exp)).toEqual({ ok: true, value: minor });
      }),
    );
  });
});
