/**
 * Role-based access: one table of role × action, the only place permissions are decided.
 * Routes name an action; the app's single authorization hook consults `can`.
 */
export const ROLES = ['admin', 'supervisor', 'agent', 'field_agent', 'compliance'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'portfolio:read', // creditors, debtors, accounts, debtor 360 (agents: only their assigned accounts)
  'pii:read_unmasked', // see NIK, phone, email, address, birth date unmasked
  'portfolio:import',
  'portfolio:write',
  'interactions:write',
  'cases:manage', // assign and reassign accounts, close cases
  'users:manage',
  'audit:read',
  'policy:manage',
  'strategies:manage',
  'payments:read',
  'payments:write',
  'reports:read',
  'plans:propose', // propose a restructuring plan or a discounted settlement
  'plans:approve', // approve or reject plans, within the role's discount limit (domain/plans/approval.ts)
  'outbox:read', // outbox messages and contact-policy decisions (staff oversight, compliance)
  'outbox:review', // resolve sends whose outcome is unknown (confirmed sent, resend, drop)
  'data-requests:manage', // UU PDP data-subject requests from the debtor portal: list and close
] as const;
export type Action = (typeof ACTIONS)[number];

const TABLE: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  supervisor: ['portfolio:read', 'pii:read_unmasked', 'portfolio:import', 'portfolio:write', 'interactions:write', 'cases:manage', 'policy:manage', 'strategies:manage', 'payments:read', 'payments:write', 'reports:read', 'plans:propose', 'plans:approve', 'outbox:read', 'outbox:review'],
  agent: ['portfolio:read', 'interactions:write', 'payments:read', 'plans:propose', 'plans:approve'],
  field_agent: ['portfolio:read', 'interactions:write', 'payments:read', 'plans:propose'],
  compliance: ['portfolio:read', 'pii:read_unmasked', 'audit:read', 'payments:read', 'reports:read', 'outbox:read', 'data-requests:manage'],
};

export function can(role: Role, action: Action): boolean {
  return TABLE[role].includes(action);
}

/** Roles whose scope is limited to accounts assigned to them (or their team). */
export function isScopedToAssignments(role: Role): boolean {
  return role === 'agent' || role === 'field_agent';
}

/** Roles that must pass TOTP before any protected route. */
export function requiresMfa(role: Role): boolean {
  return role === 'admin' || role === 'supervisor';
}
