import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskAddress, maskBirthDate, maskEmail, maskNik, maskPhone } from './pii-mask.ts';

describe('PII masking', () => {
  it('masks the documented examples', () => {
    expect(maskNik('3174012345670001')).toBe('3174********0001');
    expect(maskPhone('+6281234567890')).toBe('+62812****7890');
    expect(maskEmail('budi.santoso@gmail.com')).toBe('b***@gmail.com');
    expect(maskAddress('Jl. Sudirman No. 5, Jakarta Pusat')).toBe('Jl. ***');
    expect(maskBirthDate('1990-04-17')).toBe('****-**-**');
  });

  it('hides short or odd values entirely instead of echoing them', () => {
    expect(maskNik('1234')).toBe('****');
    expect(maskPhone('+62')).toBe('****');
    expect(maskEmail('@x')).toBe('@*');
    expect(maskEmail('no-at-sign')).toBe('n*********');
    expect(maskAddress('   ')).toBe('***');
    expect(maskAddress('Perumahan12 Blok C')).toBe('***');
  });

  it('never returns a 16-digit NIK or the middle six digits (the birth date part)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{16}$/), (nik) => {
        const m = maskNik(nik);
        expect(m).toHaveLength(16);
        expect(m.slice(4, 12)).toBe('********');
        expect(m.slice(0, 4) + m.slice(12)).toBe(nik.slice(0, 4) + nik.slice(12));
      }),
    );
  });

  it('keeps only prefix and last four digits of an Indonesian mobile number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+628[0-9]{8,11}$/), (phone) => {
        const m = maskPhone(phone);
        expect(m).toHaveLength(phone.length);
        expect(m.startsWith(phone.slice(0, 6))).toBe(true);
        expect(m.endsWith(phone.slice(-4))).toBe(true);
        expect(m.slice(6, -4)).toMatch(/^\*+$/);
      }),
    );
  });

  it('never reveals an email local part beyond its first character', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const at = email.lastIndexOf('@');
        const local = email.slice(0, at);
        const m = maskEmail(email);
        expect(m).toBe(`${Array.from(local)[0]}***${email.slice(at)}`);
      }),
    );
  });

  it('reveals at most the kept ends of any value, whatever it contains', () => {
    const revealed = (masked: string, original: string) =>
      Array.from(masked).filter((c, i) => c !== '*' || Array.from(original)[i] === '*').length;
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(revealed(maskNik(s), s.trim())).toBeLessThanOrEqual(8);
        expect(revealed(maskPhone(s), s.trim())).toBeLessThanOrEqual(10);
        expect(Array.from(maskBirthDate(s)).filter((c) => c !== '*' && c !== '-')).toEqual([]);
      }),
    );
  });
});
