import { fail, ok, type Result } from './result.ts';

export const PHONE_KINDS = ['mobile', 'landline'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];

export interface NormalizedPhone {
  /** `+62` followed by the national significant number, e.g. `+6281234567890`. */
  readonly e164: string;
  readonly kind: PhoneKind;
}

/**
 * Normalises an Indonesian phone number to E.164 so the same debtor's number written
 * `0812-3456-7890`, `+62 812 3456 7890` or `6281234567890` is one contact point (needed for
 * dedup, contact-frequency limits and WhatsApp). Accepts spaces, dashes, dots and parentheses,
 * the trunk prefix `0`, `+62`, `62` and `0062`, and a bare `8…` mobile (spreadsheets drop the
 * leading zero of `0812…`). Mobile: national number starts with 8, 9–12 digits. Landline:
 * starts with an area-code digit (2–7 or 9, e.g. 21 Jakarta, 22 Bandung, 967 Jayapura), 8–11
 * digits. Everything else is rejected with a reason.
 *
 * @example normalizeIndonesianPhone('0812-3456-7890') // ok { e164: '+6281234567890', kind: 'mobile' }
 */
export function normalizeIndonesianPhone(input: string): Result<NormalizedPhone> {
  const trimmed = input.trim();
  if (trimmed === '') return fail('phone number is empty');
  if (/[^0-9+\s\-.()/]/.test(trimmed)) {
    return fail(`phone number "${input}" contains characters other than digits, spaces, dashes, dots and parentheses`);
  }
  const plus = trimmed.lastIndexOf('+');
  if (plus > 0 || (plus === 0 && trimmed.indexOf('+', 1) !== -1)) {
    return fail(`phone number "${input}" has a "+" that is not at the start`);
  }
  const digits = trimmed.replace(/\D/g, '');
  if (digits === '') return fail(`phone number "${input}" has no digits`);

  let nsn: string;
  if (plus === 0) {
    if (!digits.startsWith('62')) return fail(`phone number "${input}" is not Indonesian (country code must be +62)`);
    nsn = digits.slice(2);
  } else if (digits.startsWith('0062')) {
    nsn = digits.slice(4);
  } else if (digits.startsWith('00')) {
    return fail(`phone number "${input}" is not Indonesian (international prefix 00 must be followed by 62)`);
  } else if (digits.startsWith('0')) {
    nsn = digits.slice(1);
  } else if (digits.startsWith('62')) {
    nsn = digits.slice(2);
  } else if (digits.startsWith('8')) {
    nsn = digits;
  } else {
    return fail(`phone number "${input}" has no recognisable prefix (expected 0, +62 or 62)`);
  }

  if (nsn.startsWith('0')) return fail(`phone number "${input}" has a 0 after the country code`);
  if (nsn.startsWith('8')) {
    if (nsn.length < 9) return fail(`mobile number "${input}" is too short (${nsn.length} digits after the prefix, need 9–12)`);
    if (nsn.length > 12) return fail(`mobile number "${input}" is too long (${nsn.length} digits after the prefix, need 9–12)`);
    return ok({ e164: `+62${nsn}`, kind: 'mobile' });
  }
  if (/^[2-79]/.test(nsn)) {
    if (nsn.length < 8) return fail(`landline number "${input}" is too short (${nsn.length} digits with area code, need 8–11)`);
    if (nsn.length > 11) return fail(`landline number "${input}" is too long (${nsn.length} digits with area code, need 8–11)`);
    return ok({ e164: `+62${nsn}`, kind: 'landline' });
  }
  return fail(`phone number "${input}" does not start with a mobile prefix (8) or an area code`);
}
