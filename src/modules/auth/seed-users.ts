import type { AppDeps } from '../../app-deps.ts';
import type { Role } from '../../domain/permissions.ts';
import { audit, SYSTEM_ACTOR, type Actor } from '../audit/index.ts';
import { findUserByUsername } from './repo.ts';
import { otpauthUri } from './totp.ts';
import { createUser, ensureTeam } from './users-service.ts';

/**
 * The demo TOTP secret of the seeded admin and supervisor. It is public (printed at start and written here)
 * so a person trying the demo can add it to any authenticator app; never use seeded users in production.
 */
export const DEMO_TOTP_SECRET = 'TAGIHDEMOSECRETTOTPKEYFORDEMOXYZ';

export interface DemoUser {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly team: string | null;
  /** For admin and supervisor: the secret and URI to put in an authenticator. */
  readonly totpSecret: string | null;
  readonly otpauthUri: string | null;
}

const DEMO_TEAM = 'Desk Jakarta';

const DEMO_USERS: readonly { username: string; displayName: string; password: string; role: Role; team: string | null }[] = [
  { username: 'admin', displayName: 'Admin Demo', password: 'tagih-admin-demo', role: 'admin', team: null },
  { username: 'supervisor', displayName: 'Sari Supervisor', password: 'tagih-supervisor-demo', role: 'supervisor', team: DEMO_TEAM },
  { username: 'agent1', displayName: 'Agus Desk', password: 'tagih-agent1-demo', role: 'agent', team: DEMO_TEAM },
  { username: 'agent2', displayName: 'Dewi Desk', password: 'tagih-agent2-demo', role: 'agent', team: DEMO_TEAM },
  { username: 'field1', displayName: 'Fajar Lapangan', password: 'tagih-field1-demo', role: 'field_agent', team: null },
  { username: 'compliance', displayName: 'Citra Kepatuhan', password: 'tagih-compliance-demo', role: 'compliance', team: null },
];

/**
 * Creates the demo users that do not exist yet and returns the ones it created (with their passwords),
 * so a first start can print them and a second start prints nothing. Admin and supervisor get MFA
 * already active with `DEMO_TOTP_SECRET`.
 */
export async function seedDemoUsers(deps: AppDeps): Promise<DemoUser[]> {
  const actor: Actor = { ...SYSTEM_ACTOR, label: 'demo-seed' };
  const created: DemoUser[] = [];
  for (const d of DEMO_USERS) {
    if (await findUserByUsername(deps.db.kysely, d.username)) continue;
    const teamId = d.team ? (await ensureTeam(deps, actor, d.team)).id : null;
    const user = await createUser(deps, actor, { username: d.username, displayName: d.displayName, role: d.role, teamId, password: d.password });
    let totpSecret: string | null = null;
    if (d.role === 'admin' || d.role === 'supervisor') {
      totpSecret = DEMO_TOTP_SECRET;
      await deps.db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ mfa_secret_enc: deps.cipher.encrypt(DEMO_TOTP_SECRET), mfa_enabled: true }).where('id', '=', user.id).execute();
        await audit(trx, { actor, action: 'auth.mfa_enrolled', entityType: 'user', entityId: user.id, details: { demo_secret: true }, at: deps.now() });
      });
    }
    created.push({ username: d.username, password: d.password, role: d.role, team: d.team, totpSecret, otpauthUri: totpSecret ? otpauthUri(totpSecret, d.username) : null });
  }
  return created;
}

/** Human text for stderr at first start: who can sign in, with which password and authenticator secret. */
export function formatDemoUsers(users: readonly DemoUser[]): string {
  if (users.length === 0) return '';
  const lines = ['Demo users (change or disable these before real use):'];
  for (const u of users) {
    lines.push(`  ${u.username.padEnd(11)} ${u.role.padEnd(11)} password: ${u.password}${u.team ? `  team: ${u.team}` : ''}`);
    if (u.totpSecret) lines.push(`  ${''.padEnd(11)} MFA: add secret ${u.totpSecret} to an authenticator, or open ${u.otpauthUri}`);
  }
  return `${lines.join('\n')}\n`;
}
