import { isIsoDate } from '../dates.ts';
import { MONTHS } from '../nlu/calendar-words.ts';

/** What a person typed to prove who they are: birth date and the last four digits of the NIK. */
export interface IdentityAnswer {
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly nikLast4: string;
}

/** What the record says, decrypted only for the comparison. */
export interface IdentityRecord {
  readonly birthDate: string | null;
  readonly nik: string | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number): string | null {
  const iso = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return y >= 1900 && y <= 2100 && isIsoDate(iso) ? iso : null;
}

const NUMERIC_DMY = /(?<!\d)(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})(?!\d)/;
const NUMERIC_YMD = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/;
const WORD_DMY = /(?<!\d)(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})(?!\d)/;
const COMPACT_DMY = /(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)/;

/**
 * Reads "17-08-1985 1234", "1234 17/08/1985", "17 agustus 1985, nik 1234", "1985-08-17 1234" or a full 16-digit
 * NIK instead of the last four. Returns null when either part is missing, so the bot can ask again without
 * counting a failed attempt.
 * @example parseIdentityAnswer('lahir 17 agt 1985 nik 1234') // { birthDate: '1985-08-17', nikLast4: '1234' }
 */
export function parseIdentityAnswer(text: string): IdentityAnswer | null {
  const lower = text.toLowerCase();
  let birthDate: string | null = null;
  let rest = lower;
  const nik16 = /(?<!\d)\d{16}(?!\d)/.exec(lower);
  if (nik16) rest = rest.replace(nik16[0], ' ');
  const attempts: [RegExp, (m: RegExpExecArray) => string | null][] = [
    [NUMERIC_YMD, (m) => isoOf(Number(m[1]), Number(m[2]), Number(m[3]))],
    [NUMERIC_DMY, (m) => isoOf(Number(m[3]), Number(m[2]), Number(m[1]))],
    [WORD_DMY, (m) => {
      const month = MONTHS[m[2] ?? ''];
      return month === undefined ? null : isoOf(Number(m[3]), month, Number(m[1]));
    }],
    [COMPACT_DMY, (m) => isoOf(Number(m[3]), Number(m[2]), Number(m[1]))],
  ];
  for (const [re, toIso] of attempts) {
    const m = re.exec(rest);
    if (!m) continue;
    const iso = toIso(m);
    if (iso === null) continue;
    birthDate = iso;
    rest = rest.replace(m[0], ' ');
    break;
  }
  if (birthDate === null) return null;
  const last4 = nik16 ? nik16[0].slice(-4) : /(?<!\d)\d{4}(?!\d)/.exec(rest)?.[0];
  return last4 === undefined ? null : { birthDate, nikLast4: last4 };
}

/** Constant-time string equality over equal-length inputs, so timing does not reveal how many characters matched. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Both the birth date and the NIK's last four digits must match; a record missing either cannot be verified by chat. */
export function identityMatches(answer: IdentityAnswer, record: IdentityRecord): boolean {
  if (record.birthDate === null || record.nik === null || record.nik.length < 4) return false;
  const dateOk = sameText(answer.birthDate, record.birthDate);
  const nikOk = sameText(answer.nikLast4, record.nik.slice(-4));
  return dateOk && nikOk;
}

/** Can this record be verified by chat at all? */
export function isVerifiable(record: IdentityRecord): boolean {
  return record.birthDate !== null && record.nik !== null && record.nik.length >= 4;
}

/**
 * Account numbers as debtors type them ("kontrak saya KTA-0001", "kta0001"): candidate tokens, upper-cased, with at
 * least one digit. The service looks each up exactly; nothing is guessed.
 */
export function accountNumberCandidates(text: string): string[] {
  const tokens = text.toUpperCase().match(/[A-Z0-9][A-Z0-9./-]{3,39}/g) ?? [];
  return [...new Set(tokens.map((t) => t.replace(/[./-]+$/, '')).filter((t) => /\d/.test(t)))].slice(0, 5);
}
