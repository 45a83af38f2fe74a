import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testDeps } from '../../../test/support/app.ts';
import type { Db } from '../../db/connection.ts';
import { ROLES, type Role } from '../../domain/permissions.ts';
import type { Principal } from '../../lib/route-access.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { auditPiiRead, piiView, purposeOf } from './index.ts';

const principal = (role: Role, mfaVerified = true): Principal => ({ userId: '6f1c1c1e-0000-4000-8000-00000000000a', username: `${role}-x`, role, teamId: null, mfaVerified, sessionId: 's' });

describe('piiView', () => {
  const values = { nik: '3174012345670001', phone: '+6281234567890', email: 'budi.santoso@gmail.com', address: 'Jl. Sudirman No. 5', birth: '1990-04-17' };

  it.each(ROLES)('shows %s what the role table allows', (role) => {
    const v = piiView(principal(role));
    const unmasked = role === 'admin' || role === 'supervisor' || role === 'compliance';
    expect(v.unmasked).toBe(unmasked);
    const out = [v.revealNik(values.nik), v.revealPhone(values.phone), v.revealEmail(values.email), v.revealAddress(values.address), v.revealBirthDate(values.birth)];
    if (unmasked) expect(out).toEqual([values.nik, values.phone, values.email, values.address, values.birth]);
    else expect(out).toEqual(['3174********0001', '+62812****7890', 'b***@gmail.com', 'Jl. ***', '****-**-**']);
    expect(v.revealContact('phone', values.phone)).toBe(out[1]);
    expect(v.revealContact('email', values.email)).toBe(out[2]);
  });

  it('masks for nobody signed in and for a session that has not passed MFA', () => {
    expect(piiView(null).unmasked).toBe(false);
    expect(piiView(principal('supervisor', false)).revealNik(values.nik)).toBe('3174********0001');
  });
});

describe('purposeOf', () => {
  it('reads the X-Tagih-Purpose header, else ?purpose=, trimmed and capped', async () => {
    const app = Fastify();
    app.get('/p', async (request) => ({ purpose: purposeOf(request) }));
    const get = async (url: string, headers: Record<string, string> = {}) => (await app.inject({ url, headers })).json().purpose;
    expect(await get('/p', { 'x-tagih-purpose': '  verify identity for dispute #12 ' })).toBe('verify identity for dispute #12');
    expect(await get('/p?purpose=field%20visit')).toBe('field visit');
    expect(await get('/p?purpose=q', { 'x-tagih-purpose': 'h' })).toBe('h');
    expect(await get('/p')).toBeNull();
    expect(await get('/p', { 'x-tagih-purpose': '   ' })).toBeNull();
    expect(await get('/p', { 'x-tagih-purpose': 'x'.repeat(500) })).toHaveLength(200);
    await app.close();
  });
});

describe.each(testDatabases)('auditPiiRead on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => db.close());

  it('records who read which fields of what, when and why, in the hash chain', async () => {
    const at = new Date('2026-03-20T03:04:05.678Z');
    const deps = testDeps(db, { now: () => at });
    await auditPiiRead(deps, principal('compliance'), { entityType: 'debtor', entityId: 'd-1', fields: ['nik', 'phone'], reason: 'OJK complaint 2026/17' });
    await auditPiiRead(deps, principal('supervisor'), { entityType: 'debtor', entityId: 'd-2', fields: ['address'], reason: null });
    const rows = await db.kysely.selectFrom('audit_log').select(['occurred_at', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'reason', 'details']).orderBy('seq').execute();
    expect(rows).toEqual([
      { occurred_at: at, actor_id: principal('compliance').userId, actor_label: 'compliance-x', action: 'pii.read', entity_type: 'debtor', entity_id: 'd-1', reason: 'OJK complaint 2026/17', details: { fields: ['nik', 'phone'], role: 'compliance', purpose_stated: true } },
      { occurred_at: at, actor_id: principal('supervisor').userId, actor_label: 'supervisor-x', action: 'pii.read', entity_type: 'debtor', entity_id: 'd-2', reason: null, details: { fields: ['address'], role: 'supervisor', purpose_stated: false } },
    ]);
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, rows: 2 });
  });
});
