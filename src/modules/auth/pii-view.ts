import { can } from '../../domain/permissions.ts';
import { maskAddress, maskBirthDate, maskEmail, maskNik, maskPhone } from '../../domain/pii-mask.ts';
import type { Principal } from '../../lib/route-access.ts';

/** How one principal sees personal data: in full, or masked. Decrypt first, then pass the plaintext through this. */
export interface PiiView {
  /** True when values come back unmasked; the caller must then `auditPiiRead`. */
  readonly unmasked: boolean;
  revealNik(nik: string): string;
  revealPhone(e164: string): string;
  revealEmail(email: string): string;
  revealAddress(address: string): string;
  revealBirthDate(isoDate: string): string;
  /** Phone or email by contact type. */
  revealContact(type: 'phone' | 'email', value: string): string;
}

/**
 * The one place that decides masking, from the role table (`pii:read_unmasked`): agents and field agents
 * see `3174********0001`, supervisors, admins and compliance see the value. A null principal sees masks.
 * Example: `const v = piiView(request.principal); out.nik = v.revealNik(cipher.decrypt(row.nik_enc))`.
 */
export function piiView(principal: Principal | null): PiiView {
  const unmasked = principal !== null && principal.mfaVerified && can(principal.role, 'pii:read_unmasked');
  const pass = (s: string) => s;
  const nik = unmasked ? pass : maskNik;
  const phone = unmasked ? pass : maskPhone;
  const email = unmasked ? pass : maskEmail;
  return {
    unmasked,
    revealNik: nik,
    revealPhone: phone,
    revealEmail: email,
    revealAddress: unmasked ? pass : maskAddress,
    revealBirthDate: unmasked ? pass : maskBirthDate,
    revealContact: (type, value) => (type === 'phone' ? phone(value) : email(value)),
  };
}
