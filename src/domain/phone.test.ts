import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeIndonesianPhone } from './phone.ts';

function normalized(input: string): { e164: string; kind: string } {
  const r = normalizeIndonesianPhone(input);
  if (!r.ok) throw new Error(`expected "${input}" to normalise, got: ${r.message}`);
  return r.value;
}

function rejection(input: string): string {
  const r = normalizeIndonesianPhone(input);
  if (r.ok) throw new Error(`expected "${input}" to be rejected, got ${r.value.e164}`);
  return r.message;
}

describe('normalizeIndonesianPhone', () => {
  it.each([
    ['081234567890', '+6281234567890', 'mobile'],
    ['0812-3456-7890', '+6281234567890', 'mobile'],
    ['+62 812 3456 7890', '+6281234567890', 'mobile'],
    ['+62 (812) 3456.7890', '+6281234567890', 'mobile'],
    ['6281234567890', '+6281234567890', 'mobile'],
    ['006281234567890', '+6281234567890', 'mobile'],
    ['81234567890', '+6281234567890', 'mobile'],
    ['0811234567', '+62811234567', 'mobile'],
    ['0812345678901', '+62812345678901', 'mobile'],
    ['(021) 5551234', '+62215551234', 'landline'],
    ['021-5551-2345', '+622155512345', 'landline'],
    ['+62 22 1234567', '+62221234567', 'landline'],
    ['0411 123456', '+62411123456', 'landline'],
    ['0967 531234', '+62967531234', 'landline'],
  ])('%j → %s (%s)', (input, e164, kind) => {
    expect(normalized(input)).toEqual({ e164, kind });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['0812abc7890', /characters other than digits/],
    ['0812 3456 789O', /characters other than digits/],
    ['+65 8123 4567', /not Indonesian/],
    ['+1 415 555 0100', /not Indonesian/],
    ['0065 81234567', /not Indonesian/],
    ['+62081234567890', /0 after the country code/],
    ['620812345678', /0 after the country code/],
    ['0812345', /too short/],
    ['081234567', /too short/],
    ['081234567890123', /too long/],
    ['0211234', /too short/],
    ['0211234567890', /too long/],
    ['0112345678', /mobile prefix \(8\) or an area code/],
    ['12345678', /no recognisable prefix/],
    ['0812+34567890', /"\+" that is not at the start/],
    ['++6281234567890', /"\+" that is not at the start/],
    ['+', /no digits/],
  ])('rejects %j', (input, message) => {
    expect(rejection(input)).toMatch(message);
  });

  const arbMobileNsn = fc
    .tuple(fc.constantFrom('811', '812', '813', '821', '822', '852', '853', '857', '878', '896', '881'), fc.stringMatching(/^\d{6,9}$/))
    .map(([prefix, rest]) => prefix + rest);

  const separators = fc.constantFrom('', ' ', '-', '.');
  const withSeparators = (digits: string, sep: string): string => digits.replace(/(\d{4})(?=\d)/g, `$1${sep}`);

  it('gives one E.164 for the 0…, +62… and 62… forms of a number (property)', () => {
    fc.assert(
      fc.property(arbMobileNsn, separators, (nsn, sep) => {
        const expected = `+62${nsn}`;
        expect(normalized(withSeparators(`0${nsn}`, sep)).e164).toBe(expected);
        expect(normalized(`+62 ${withSeparators(nsn, sep)}`).e164).toBe(expected);
        expect(normalized(`62${nsn}`).e164).toBe(expected);
        expect(normalized(`62${nsn}`).kind).toBe('mobile');
      }),
    );
  });

  it('is idempotent on its own output (property)', () => {
    const arbLandlineNsn = fc
      .tuple(fc.constantFrom('21', '22', '24', '31', '361', '411', '61', '967'), fc.stringMatching(/^\d{6,8}$/))
      .map(([area, rest]) => (area + rest).slice(0, 11));
    fc.assert(
      fc.property(fc.oneof(arbMobileNsn, arbLandlineNsn), (nsn) => {
        const once = normalized(`0${nsn}`);
        expect(normalized(once.e164)).toEqual(once);
      }),
    );
  });
});

