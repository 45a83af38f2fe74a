/**
 * Guardrails around the assistant's optional LLM: what may be sent to it and which of its rewrites may be sent to a
 * debtor. Pure: the service calls these and falls back to the catalogue reply on any violation.
 *
 * The LLM may only re-word a catalogue reply. It must not change a single fact: every figure (amount, date, account
 * or VA number, reference) of the catalogue reply stays, nothing numeric, no month or day name, no number word,
 * no link and no name is added, and the result passes the same compliance lint as every template.
 */
import { lintMessage, type LintViolation } from '../templates/index.ts';
import type { ReplyAudience } from './reply-catalog.ts';

const MASK = '[angka]';

/**
 * Hides every run of four or more digits (separators `.,-/` and single spaces between digits count as part of the
 * run), and e-mail addresses, before a debtor's message leaves for the LLM: NIK, phone, account, VA and card
 * numbers, birth dates. Short numbers (`tgl 25`, `500rb`) stay, they carry intent and identify nobody.
 * `maskNik`/`maskPhone` in pii-mask.ts do not fit here: they keep the last four digits, which are half of the
 * chat's identity check.
 * @example maskDigitRuns('nik sy 3174012345670001 hp 0812-3456-7890') // 'nik sy [angka] hp [angka]'
 */
export function maskDigitRuns(text: string): string {
  return text
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+/gu, MASK)
    .replace(/\p{Nd}(?:[.,\-/ ]?\p{Nd})+/gu, (run) => (countDigits(run) >= 4 ? MASK : run));
}

const placeholders = (text: string): string => (text.match(/\{\{[^}]*\}\}/g) ?? []).sort().join(' ');

/**
 * First gate on a rewrite of a catalogue *template* (the LLM is given `{{amount}}`, never the amount): the same
 * placeholders, each as often, and no brace left over. The rendered result then goes through `checkRephrase`.
 */
export function checkTemplateRewrite(template: string, candidate: string): RephraseViolation[] {
  const c = candidate.trim();
  if (c === '' || c.length > template.length * 2 + 200) return [{ rule: 'empty_or_too_long' }];
  const stray = c.replace(/\{\{[a-z_]+\}\}/g, '');
  if (placeholders(template) !== placeholders(c) || /[{}]/.test(stray)) return [{ rule: 'placeholder_changed' }];
  return [];
}

function countDigits(s: string): number {
  return (s.match(/\p{Nd}/gu) ?? []).length;
}

/** Why a rewrite was refused; the service counts these (audit), the debtor gets the catalogue reply. */
export type RephraseViolation =
  | { readonly rule: 'empty_or_too_long' }
  | { readonly rule: 'placeholder_changed' }
  | { readonly rule: 'figure_added'; readonly token: string }
  | { readonly rule: 'figure_dropped'; readonly token: string }
  | { readonly rule: 'digit_added_to_public_reply' }
  | { readonly rule: 'number_word_added'; readonly word: string }
  | { readonly rule: 'calendar_word_changed'; readonly word: string }
  | { readonly rule: 'name_added'; readonly word: string }
  | { readonly rule: 'link_or_markup'; readonly match: string }
  | { readonly rule: 'compliance'; readonly violations: readonly LintViolation[] };

export interface RephraseCheck {
  /** The catalogue reply body (without footer) the LLM was asked to re-word. */
  readonly original: string;
  /** What the LLM answered. */
  readonly candidate: string;
  /** `public` replies may reach an unverified person: not one digit more than the catalogue reply. */
  readonly audience: ReplyAudience;
  /** Creditor name of the footer, for the lint. */
  readonly creditorName: string;
  /** The footer appended to every reply (see renderReply), so the lint sees the message as sent. */
  readonly footer: string;
}

/** Tokens that carry a figure: anything with a digit, with its letters and inner separators (`Rp1.250.000`, `KTA-0001`, `DSP-7F3A9C21`). */
function figures(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]*\p{N}[\p{L}\p{N}]*(?:[.,\-/:][\p{L}\p{N}]+)*/gu) ?? []).map((t) => t.toLowerCase());
}

const NUMBER_WORDS = new Set([
  'nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas', 'seratus', 'seribu',
  'sejuta', 'puluh', 'belas', 'ratus', 'ribu', 'rb', 'juta', 'jt', 'miliar', 'milyar', 'triliun', 'setengah', 'separuh', 'rp', 'rupiah',
  'persen', 'kali', 'lipat',
]);
/** Words that name a date: kept exactly (none added, none dropped). */
const DATE_WORDS = new Set([
  'januari', 'februari', 'maret', 'april', 'mei', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november', 'desember',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'agu', 'agt', 'sep', 'okt', 'nov', 'des',
  'senin', 'selasa', 'rabu', 'kamis', 'jumat', "jum'at", 'sabtu', 'minggu', 'ahad',
  'besok', 'lusa', 'kemarin', 'tadi', 'nanti',
]);
/** Words that introduce a time limit: never added (a rewrite must not invent a deadline). */
const TIME_WORDS = new Set(['hari', 'pekan', 'bulan', 'tahun', 'jam', 'pukul', 'menit', 'tanggal', 'tgl', 'lambat', 'selambat-lambatnya', 'batas', 'tenggat', 'deadline']);
/** Ways of addressing the reader, allowed anywhere. */
const ADDRESS_WORDS = new Set(['anda', 'bapak', 'ibu', 'kami', 'saya', 'kak', 'kakak']);
/** Words that may open a sentence in Indonesian without being a name. */
const SENTENCE_OPENERS = new Set([
  'baik', 'terima', 'mohon', 'maaf', 'silakan', 'kami', 'anda', 'saya', 'untuk', 'bila', 'jika', 'apabila', 'selama', 'tim', 'ada',
  'semoga', 'sama-sama', 'halo', 'hai', 'demi', 'karena', 'ketik', 'dengan', 'agar', 'saat', 'setelah', 'sebelum', 'ini', 'itu', 'kini',
  'sekarang', 'sebagai', 'tentu', 'tidak', 'jangan', 'boleh', 'kapan', 'berapa', 'apakah', 'bagaimana', 'kalau', 'namun', 'tetapi',
  'dan', 'atau', 'sayangnya', 'informasi', 'permintaan', 'pengajuan', 'pembayaran', 'data', 'nomor', 'petugas', 'penagihan', 'tagihan',
  'janji', 'keluhan', 'sanggahan', 'verifikasi', 'identitas', 'pesan', 'kontrak', 'sisa', 'kode', 'cukup', 'harap', 'yuk', 'mari',
  'selamat', 'oke', 'ok', 'siap', 'tenang', 'kamu', 'bapak', 'ibu', 'bapak/ibu',
]);

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}'/-]+/gu) ?? [];
}

/** Capitalised words of `candidate` that look like a name: not in the original and not a common sentence opener. */
function addedNames(original: string, candidate: string): string[] {
  const known = new Set(words(original));
  const found: string[] = [];
  for (const m of candidate.matchAll(/[\p{Lu}][\p{L}'-]*/gu)) {
    const word = m[0];
    const lower = word.toLowerCase();
    if (known.has(lower) || ADDRESS_WORDS.has(lower) || NUMBER_WORDS.has(lower) || DATE_WORDS.has(lower) || TIME_WORDS.has(lower)) continue;
    const before = candidate.slice(0, m.index).trimEnd();
    const opensSentence = before === '' || /[.!?:;"'(\n—-]$/u.test(before);
    if (opensSentence && SENTENCE_OPENERS.has(lower)) continue;
    found.push(word);
  }
  return found;
}

function digitBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const d of text.match(/\p{Nd}/gu) ?? []) bag.set(d, (bag.get(d) ?? 0) + 1);
  return bag;
}

/**
 * Decides whether an LLM rewrite of a catalogue reply may be sent instead of it. Returns every violation (empty: ok).
 * @example checkRephrase({ original: 'Sisa tagihan Anda Rp1.250.000.', candidate: 'Sisa tagihan Anda Rp2.000.000.', audience: 'verified', … })
 *   // [{ rule: 'figure_added', token: 'rp2.000.000' }, { rule: 'figure_dropped', token: 'rp1.250.000' }]
 */
export function checkRephrase(c: RephraseCheck): RephraseViolation[] {
  const out: RephraseViolation[] = [];
  const candidate = c.candidate.trim();
  if (candidate === '' || candidate.length > c.original.length * 2 + 200) return [{ rule: 'empty_or_too_long' }];

  const before = new Set(figures(c.original));
  const after = new Set(figures(candidate));
  for (const t of after) if (!before.has(t)) out.push({ rule: 'figure_added', token: t });
  for (const t of before) if (!after.has(t)) out.push({ rule: 'figure_dropped', token: t });

  if (c.audience === 'public') {
    const allowed = digitBag(c.original);
    for (const [d, n] of digitBag(candidate)) {
      if (n > (allowed.get(d) ?? 0)) {
        out.push({ rule: 'digit_added_to_public_reply' });
        break;
      }
    }
  }

  const originalWords = new Set(words(c.original));
  const candidateWords = new Set(words(candidate));
  for (const w of candidateWords) if (NUMBER_WORDS.has(w) && !originalWords.has(w)) out.push({ rule: 'number_word_added', word: w });
  for (const w of new Set([...candidateWords, ...originalWords])) {
    if (DATE_WORDS.has(w) && candidateWords.has(w) !== originalWords.has(w)) out.push({ rule: 'calendar_word_changed', word: w });
    if (TIME_WORDS.has(w) && candidateWords.has(w) && !originalWords.has(w)) out.push({ rule: 'calendar_word_changed', word: w });
  }
  for (const w of addedNames(c.original, candidate)) out.push({ rule: 'name_added', word: w });

  const link = candidate.match(/https?:|www\.|<[a-z/!]|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.|\]\(|`/iu);
  if (link && !c.original.includes(link[0])) out.push({ rule: 'link_or_markup', match: link[0] });

  const lint = lintMessage(candidate + c.footer, { channel: 'whatsapp', language: 'id', creditorName: c.creditorName });
  if (lint.violations.length > 0) out.push({ rule: 'compliance', violations: lint.violations });
  return out;
}
