import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateNik } from './nik.ts';
import { PROVINCES } from './provinces.ts';

function info(input: string, asOf?: string) {
  const r = validateNik(input, asOf ? { asOf } : {});
  if (!r.ok) throw new Error(`expected "${input}" to validate, got: ${r.message}`);
  return r.value;
}

function rejection(input: string): string {
  const r = validateNik(input);
  if (r.ok) throw new Error(`expected "${input}" to be rejected`);
  return r.message;
}

describe('validateNik', () => {
  it('reads a man’s NIK', () => {
    expect(info('3174051508900001')).toEqual({ nik: '3174051508900001', provinceCode: '31', birthDate: '1990-08-15', sex: 'M' });
  });

  it('reads a woman’s NIK (day + 40)', () => {
    expect(info(' 3273015508950123 ')).toEqual({ nik: '3273015508950123', provinceCode: '32', birthDate: '1995-08-15', sex: 'F' });
    expect(info('3273017112990001').birthDate).toBe('1999-12-31');
    expect(info('3273014101990001').birthDate).toBe('1999-01-01');
  });

  it('guesses the century from asOf, or from a fixed pivot without it', () => {
    expect(info('3174051508050001').birthDate).toBe('2005-08-15');
    expect(info('3174051508050001', '2025-06-01').birthDate).toBe('2005-08-15');
    expect(info('3174051508250001', '2024-06-01').birthDate).toBe('1925-08-15');
    expect(info('3174051508250001', '2025-06-01').birthDate).toBe('2025-08-15');
  });

  it('accepts 29 February of 2000 even when 1900 is the preferred century', () => {
    expect(info('3174052902000001', '1999-01-01').birthDate).toBe('2000-02-29');
    expect(info('3174056902000001').birthDate).toBe('2000-02-29');
  });

  it('accepts old and new Papua codes', () => {
    expect(info('9101011508900001').provinceCode).toBe('91');
    expect(info('9201011508900001').provinceCode).toBe('92');
    expect(info('9601011508900001').provinceCode).toBe('96');
  });

  it.each([
    ['', /empty/],
    ['31740515089000', /exactly 16 digits \(got 14\)/],
    ['31740515089000011', /exactly 16 digits \(got 17\)/],
    ['3174-0515-0890-0001', /only digits/],
    ['3174O51508900001', /only digits/],
    ['9974051508900001', /"99".*not an Indonesian province code/],
    ['2074051508900001', /"20"/],
    ['3100051508900001', /regency code .* 00/],
    ['3174001508900001', /district code .* 00/],
    ['3174050008900001', /birth day .*"00"/],
    ['3174053208900001', /birth day .*"32"/],
    ['3174054008900001', /birth day .*"40"/],
    ['3174057208900001', /birth day .*"72"/],
    ['3174051513900001', /birth month .*"13"/],
    ['3174051500900001', /birth month .*"00"/],
    ['3174053002900001', /not a real date \(day 30 of month 2\)/],
    ['3174052902930001', /not a real date/],
    ['3174057102930001', /not a real date/],
    ['3174053104900001', /not a real date/],
    ['3174051508900000', /serial .*0000/],
  ])('rejects %j', (input, message) => {
    expect(rejection(input)).toMatch(message);
  });

  const arbParts = fc.record({
    province: fc.constantFrom(...PROVINCES.map((p) => p.code)),
    regency: fc.integer({ min: 1, max: 99 }),
    district: fc.integer({ min: 1, max: 99 }),
    birth: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true }),
    female: fc.boolean(),
    serial: fc.integer({ min: 1, max: 9999 }),
  });
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');

  it('a NIK built from valid parts validates and reads back its parts (property)', () => {
    fc.assert(
      fc.property(arbParts, ({ province, regency, district, birth, female, serial }) => {
        const day = birth.getUTCDate() + (female ? 40 : 0);
        const nik = `${province}${pad(regency, 2)}${pad(district, 2)}${pad(day, 2)}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCFullYear() % 100, 2)}${pad(serial, 4)}`;
        const r = info(nik);
        expect(r.provinceCode).toBe(province);
        expect(r.sex).toBe(female ? 'F' : 'M');
        expect(r.birthDate).toBe(birth.toISOString().slice(0, 10));
      }),
    );
  });

  it('rejects any NIK with a non-digit or wrong length (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }).filter((s) => !/^\s*\d{16}\s*$/.test(s)), (s) => {
        expect(validateNik(s).ok).toBe(false);
      }),
    );
  });
});

