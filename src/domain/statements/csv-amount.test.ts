import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvAmount } from './csv-amount.ts';

const minor = (raw: string, format: 'auto' | 'id' | 'en' = 'auto'): bigint | string => {
  const r = parseCsvAmount(raw, format, 2);
  return r.ok ? r.value.minor : r.reason;
};

describe('parseCsvAmount', () => {
  it.each([
    ['1250000', 125000000n],
    ['1.250.000', 125000000n],
    ['1.250.000,00', 125000000n],
    ['1,250,000.00', 125000000n],
    ['Rp1.250.000', 125000000n],
    ['Rp 1.250.000,50', 125000050n],
    ['Rp. 1.250.000', 125000000n],
    ['IDR 1,250,000.00', 125000000n],
    ['-1.250.000', -125000000n],
    ['-Rp1.250.000', -125000000n],
    ['Rp-1.250.000', -125000000n],
    ['(1.250.000)', -125000000n],
    ['1.250.000-', -125000000n],
    ['1.250', 125000n],
    ['1,250', 125000n],
    ['1,25', 125n],
    ['0.500', 50n],
    ['6.500,00', 650000n],
    ['\u00a01.000\u00a0', 100000n],
  ])('reads %s in auto mode', (raw, expected) => {
    expect(minor(raw)).toBe(expected);
  });

  it('uses the declared locale instead of guessing', () => {
    expect(minor('1,250', 'id')).toBe(125n);
    expect(minor('1.250', 'en')).toBe(125n);
    expect(minor('1,250,000.00', 'en')).toBe(125000000n);
    expect(minor('1.250.000,00', 'id')).toBe(125000000n);
  });

  it('returns CR/DB markers separately', () => {
    expect(parseCsvAmount('1,250,000.00 CR', 'en', 2)).toEqual({ ok: true, value: { minor: 125000000n, marker: 'CR' } });
    expect(parseCsvAmount('15,000.00DB', 'en', 2)).toEqual({ ok: true, value: { minor: 1500000n, marker: 'DB' } });
  });

  it.each(['', 'abc', '12,34,5', '1.2.3', '1..000', '1.250.000,00,00', '--5', '1,250.000.00', '1.000,', '1,0000.00', '1.0,5', '1e5', 'Rp'])(
    'rejects %j',
    (raw) => {
      expect(parseCsvAmount(raw, 'auto', 2).ok).toBe(false);
    },
  );

  it('rejects precision the currency does not have', () => {
    expect(minor('1,255', 'id')).toBe('more than 2 decimal digits');
  });

  it('reads back every amount written in either locale', () => {
    const group = (digits: string, sep: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.boolean(), fc.constantFrom('id', 'en', 'auto'), (value, negative, format) => {
        const whole = (value / 100n).toString();
        const cents = (value % 100n).toString().padStart(2, '0');
        const locale = format === 'auto' ? (value % 2n === 0n ? 'id' : 'en') : format;
        const text = locale === 'id' ? `${group(whole, '.')},${cents}` : `${group(whole, ',')}.${cents}`;
        const r = parseCsvAmount(`${negative ? '-' : ''}Rp${text}`, format, 2);
        expect(r).toEqual({ ok: true, value: { minor: negative ? -value : value, marker: null } });
      }),
    );
  });
});
