import { z } from 'zod';
import { ROLES } from '../../domain/permissions.ts';

/** Request and response shapes of the auth and users routes. Responses list every field that may leave. */

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});

const mfaStatus = z.object({
  /** The role or the user's own choice demands a second factor. */
  required: z.boolean(),
  /** A TOTP secret is active. */
  enrolled: z.boolean(),
  /** This session has passed it (always true when not required). */
  verified: z.boolean(),
});

export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
});

export const loginResponse = z.object({
  user: sessionUser,
  mfa: mfaStatus,
  /** What the client must do before protected routes answer: nothing, verify a code, or enrol. */
  next: z.enum(['none', 'mfa_verify', 'mfa_enroll']),
  expiresAt: z.string(),
});

export const meResponse = z.object({ user: sessionUser, mfa: mfaStatus, next: z.enum(['none', 'mfa_verify', 'mfa_enroll']) });

export const logoutResponse = z.object({ signedOut: z.literal(true) });

export const mfaCodeBody = z.object({ code: z.string().regex(/^\d{6}$/, 'a 6-digit code') });

export const mfaEnrollResponse = z.object({
  /** Shown once: the base32 secret to type into an authenticator, and the URI a QR code encodes. */
  secret: z.string(),
  otpauthUri: z.string(),
});

export const mfaDoneResponse = z.object({ mfaVerified: z.literal(true) });

export const userAdminView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});

export const usersListResponse = z.object({ users: z.array(userAdminView) });

export const createUserBody = z.object({
  username: z.string().regex(/^[A-Za-z0-9._-]{3,64}$/, '3–64 letters, digits, dot, dash or underscore'),
  displayName: z.string().min(1).max(200).optional(),
  role: z.enum(ROLES),
  teamId: z.uuid().nullable().optional(),
  password: z.string().min(1).max(1024),
});

export const updateUserBody = z
  .object({
    displayName: z.string().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    teamId: z.uuid().nullable().optional(),
    disabled: z.boolean().optional(),
    unlock: z.literal(true).optional(),
    resetMfa: z.literal(true).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const userIdParams = z.object({ id: z.uuid() });

export const resetPasswordBody = z.object({ password: z.string().min(1).max(1024) });
export const resetPasswordResponse = z.object({ passwordReset: z.literal(true) });

export const team = z.object({ id: z.string(), name: z.string() });
export const teamsListResponse = z.object({ teams: z.array(team) });
export const createTeamBody = z.object({ name: z.string().trim().min(1).max(100) });
