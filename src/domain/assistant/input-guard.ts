/**
 * First look at a raw chat message, before any understanding: empty, oversized, binary and markup-laden messages
 * get a polite fixed reply and never reach the NLU or the dialogue state. Pure.
 */
export const MAX_MESSAGE_BYTES = 4096;

export type InputProblem = 'empty' | 'too_long' | 'binary' | 'markup';

export interface GuardedInput {
  readonly problem: InputProblem | null;
  /** Safe to store and analyse: control characters removed, at most MAX_MESSAGE_BYTES of UTF-8. */
  readonly text: string;
}

// C0/C1 controls except tab/newline/CR, zero-width and bidi controls, BOM, noncharacters.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]/gu;
const UNREADABLE = /[\u0000-\u0008\u000E-\u001F\uFFFD]|[\uD800-\uDFFF]/gu;
const MARKUP = /<\s*\/?\s*(?:script|iframe|img|svg|object|embed|style|link|meta|a|form|input|body|html)\b|javascript\s*:|\bon[a-z]+\s*=\s*["'`]|\{\{.*\}\}|\$\{.*\}/iu;

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function truncateUtf8(s: string, maxBytes: number): string {
  let n = 0;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (n > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * Classifies a raw message. Order matters: a huge binary blob is `too_long` (the cheapest check first, and
 * nothing beyond 4 KB is inspected further), a message that is mostly unreadable characters is `binary`.
 * @example guardInput('   ').problem // 'empty'
 */
export function guardInput(raw: string): GuardedInput {
  if (utf8Length(raw) > MAX_MESSAGE_BYTES) return { problem: 'too_long', text: truncateUtf8(raw.replace(CONTROL, ''), MAX_MESSAGE_BYTES) };
  const unreadable = raw.match(UNREADABLE)?.length ?? 0;
  const text = raw.replace(CONTROL, '').replace(/[\uD800-\uDFFF]/gu, '').trim();
  if (raw.includes('\u0000') || (raw.length > 0 && unreadable / raw.length > 0.1)) return { problem: 'binary', text };
  if (text === '' || !/[\p{L}\p{N}]/u.test(text)) return { problem: text === '' ? 'empty' : null, text };
  if (MARKUP.test(text)) return { problem: 'markup', text };
  return { problem: null, text };
}
