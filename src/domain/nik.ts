import { daysInMonth, isIsoDate } from './dates.ts';
import { provinceByCode } from './provinces.ts';
import { fail, ok, type Result } from './result.ts';

/** What a NIK (Nomor Induk Kependudukan) says about its holder. */
export interface NikInfo {
  /** The 16 digits, trimmed. */
  readonly nik: string;
  /** Kemendagri province code of first registration (not necessarily where they live now). */
  readonly provinceCode: string;
  /** `YYYY-MM-DD`; the century is a guess because the NIK only stores two year digits. */
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
}

export interface ValidateNikOptions {
  /**
   * Business date used to pick the birth century: the latest year not after `asOf`.
   * Without it, two-digit years 00–29 are read as 2000s and 30–99 as 1900s.
   */
  readonly asOf?: string;
}

/**
 * Checks a NIK's structure so typos and invented numbers are caught at import:
 * `PP RR DD DDMMYY SSSS` — province (a known Kemendagri code), regency, district (both not 00),
 * birth date with 40 added to the day for women, and a serial that is not 0000.
 * It cannot tell whether the NIK was actually issued; only Dukcapil can.
 *
 * @example validateNik('3174055508900001') // ok { provinceCode: '31', birthDate: '1990-08-15', sex: 'F', … }
 */
export function validateNik(input: string, opts: ValidateNikOptions = {}): Result<NikInfo> {
  const nik = input.trim();
  if (nik === '') return fail('NIK is empty');
  if (!/^\d+$/.test(nik)) return fail(`NIK "${input}" must contain only digits`);
  if (nik.length !== 16) return fail(`NIK must be exactly 16 digits (got ${nik.length})`);

  const provinceCode = nik.slice(0, 2);
  if (!provinceByCode(provinceCode)) return fail(`NIK starts with "${provinceCode}", which is not an Indonesian province code`);
  if (nik.slice(2, 4) === '00') return fail('NIK regency code (digits 3–4) is 00, which is never assigned');
  if (nik.slice(4, 6) === '00') return fail('NIK district code (digits 5–6) is 00, which is never assigned');

  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex: 'M' | 'F' = day > 40 ? 'F' : 'M';
  if (sex === 'F') day -= 40;
  if (day < 1 || day > 31) return fail(`NIK birth day (digits 7–8) "${nik.slice(6, 8)}" is not 01–31 (men) or 41–71 (women)`);
  if (month < 1 || month > 12) return fail(`NIK birth month (digits 9–10) "${nik.slice(8, 10)}" is not 01–12`);

  const asOfYear = opts.asOf !== undefined && isIsoDate(opts.asOf) ? Number(opts.asOf.slice(0, 4)) : undefined;
  const in2000s = asOfYear !== undefined ? 2000 + yy <= asOfYear : yy <= 29;
  const preferred = in2000s ? 2000 + yy : 1900 + yy;
  const other = in2000s ? 1900 + yy : 2000 + yy;
  // 29 February exists in 2000 but not 1900: try the other century before calling it impossible.
  const year = [preferred, other].find((y) => day <= daysInMonth(y, month));
  if (year === undefined) {
    return fail(`NIK birth date (digits 7–12) "${nik.slice(6, 12)}" is not a real date (day ${day} of month ${month})`);
  }
  if (nik.slice(12) === '0000') return fail('NIK serial number (digits 13–16) is 0000, which is never assigned');

  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return ok({ nik, provinceCode, birthDate, sex });
}
