/**
 * Masking of personal data for people who may work an account but not see the person's full identity
 * (UU PDP data minimisation). Pure and total: any input string gives a masked string, never the original
 * when it is long enough to identify anyone. Unmasked access is decided elsewhere (`pii:read_unmasked`).
 */

const STAR = '*';

/** Keeps `head` leading and `tail` trailing characters; when the value is too short to keep both and still hide something, hides it all. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return STAR.repeat(Math.max(chars.length, 4));
  return chars.slice(0, head).join('') + STAR.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** NIK (16 digits): the region code (first 4) and the serial (last 4) stay, the birth date in the middle is hidden. `3174********0001`. */
export function maskNik(nik: string): string {
  return keepEnds(nik.trim(), 4, 4);
}

/** E.164 phone: country code and operator prefix (`+62812`) and the last 4 digits stay. `+62812****7890`. */
export function maskPhone(e164: string): string {
  const v = e164.trim();
  return v.startsWith('+') ? keepEnds(v, 6, 4) : keepEnds(v, 4, 4);
}

/** Email: first letter of the local part and the whole domain stay. `b***@gmail.com`. */
export function maskEmail(email: string): string {
  const v = email.trim();
  const at = v.lastIndexOf('@');
  if (at <= 0) return keepEnds(v, 1, 0);
  const first = Array.from(v.slice(0, at))[0] ?? '';
  return `${first}***${v.slice(at)}`;
}

/** Address: only the first word (usually "Jl." or a street name) stays, so a field agent can recognise the area but not find the door. */
export function maskAddress(address: string): string {
  const first = address.trim().split(/\s+/)[0] ?? '';
  if (first === '') return '***';
  // A first "word" that is the whole address or holds a house number would give it away.
  const safe = first.length > 12 || /\d/.test(first) ? '' : first;
  return safe ? `${safe} ***` : '***';
}

/** Birth date: hidden entirely (it is half of what identity theft needs). */
export function maskBirthDate(_isoDate: string): string {
  return '****-**-**';
}
