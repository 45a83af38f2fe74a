import { requiresMfa, type Role } from '../../domain/permissions.ts';

/**
 * A user must pass TOTP when the role demands it (admin, supervisor) or when they turned it on themselves.
 * Until then only routes marked `allowWithoutMfa` (me, logout, MFA enrolment) are reachable.
 */
export function mfaRequired(role: Role, mfaEnabled: boolean): boolean {
  return requiresMfa(role) || mfaEnabled;
}

/** What the client must do next after signing in. */
export type MfaNext = 'none' | 'mfa_verify' | 'mfa_enroll';

export function mfaNext(role: Role, mfaEnabled: boolean, sessionVerified: boolean): MfaNext {
  if (!mfaRequired(role, mfaEnabled) || sessionVerified) return 'none';
  return mfaEnabled ? 'mfa_verify' : 'mfa_enroll';
}
