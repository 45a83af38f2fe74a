import { sql } from 'kysely';
import type { AppDeps } from '../../app-deps.ts';
import { validatePolicy, type HolidayOverrideKind } from '../../domain/contact-policy/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { audit, type Actor } from '../audit/index.ts';

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function view(r: { version: number; name: string; status: 'draft' | 'active' | 'retired'; definition: unknown; created_by: string | null; created_at: Date; activated_at: Date | null }) {
  return { ...r, created_at: r.created_at.toISOString(), activated_at: isoOrNull(r.activated_at) };
}

/** Every stored contact-policy version, newest first. */
export async function listPolicies(deps: AppDeps) {
  const rows = await deps.db.kysely
    .selectFrom('contact_policies')
    .select(['version', 'name', 'status', 'definition', 'created_by', 'created_at', 'activated_at'])
    .orderBy('version', 'desc')
    .execute();
  return { items: rows.map(view) };
}

/**
 * Saves a new draft version. The server numbers it (max + 1) and writes that number and the name
 * into the definition, so the stored data and its row never disagree. A definition the engine could
 * misread is refused with every offending field and the reason (400, details = [{field, message}]).
 */
export async function createDraft(deps: AppDeps, actor: Actor, input: { name: string; definition: Record<string, unknown> }) {
  return deps.db.kysely.transaction().execute(async (trx) => {
    // Serialise version numbering between concurrent admins.
    await sql`select pg_advisory_xact_lock(7415563)`.execute(trx);
    const max = await trx.selectFrom('contact_policies').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    const version = (max?.v ?? 0) + 1;
    const checked = validatePolicy({ ...input.definition, version, name: input.name });
    if (!checked.ok) throw new AppError('TAGIH_VALIDATION', 'contact policy refused', checked.issues);
    const row = await trx
      .insertInto('contact_policies')
      .values({ version, name: input.name, definition: JSON.stringify(checked.policy), status: 'draft', created_by: actor.id })
      .returning(['version', 'name', 'status', 'definition', 'created_by', 'created_at', 'activated_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, { actor, action: 'contact_policy.drafted', entityType: 'contact_policy', entityId: String(version), details: { name: input.name }, at: deps.now() });
    return view(row);
  });
}

/** Makes a version the one in force (the previous active one is retired), audited in the same transaction. */
export async function activatePolicy(deps: AppDeps, actor: Actor, version: number) {
  return deps.db.kysely.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7415563)`.execute(trx);
    const target = await trx.selectFrom('contact_policies').select(['version', 'status', 'definition']).where('version', '=', version).executeTakeFirst();
    if (!target) throw new AppError('TAGIH_NOT_FOUND', `contact policy version ${version} does not exist`);
    if (target.status === 'active') throw new AppError('TAGIH_CONFLICT', `contact policy version ${version} is already active`);
    const checked = validatePolicy(target.definition);
    if (!checked.ok) throw new AppError('TAGIH_VALIDATION', `contact policy version ${version} no longer validates`, checked.issues);
    const previous = await trx.updateTable('contact_policies').set({ status: 'retired' }).where('status', '=', 'active').returning('version').executeTakeFirst();
    const now = deps.now();
    const row = await trx
      .updateTable('contact_policies')
      .set({ status: 'active', activated_at: now })
      .where('version', '=', version)
      .returning(['version', 'name', 'status', 'definition', 'created_by', 'created_at', 'activated_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor,
      action: 'contact_policy.activated',
      entityType: 'contact_policy',
      entityId: String(version),
      details: { previous_version: previous?.version ?? null },
      at: now,
    });
    return view(row);
  });
}

function holidayView(r: { date: string; kind: HolidayOverrideKind; name: string; created_by: string | null; created_at: Date }) {
  return { ...r, created_at: r.created_at.toISOString() };
}

export async function listHolidayOverrides(deps: AppDeps) {
  const rows = await deps.db.kysely.selectFrom('holiday_overrides').selectAll().orderBy('date').execute();
  return { items: rows.map(holidayView) };
}

/** Adds or replaces the override for one date (cuti bersama, a moved holiday, a working day). */
export async function putHolidayOverride(deps: AppDeps, actor: Actor, date: string, input: { kind: HolidayOverrideKind; name: string }) {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('holiday_overrides')
      .values({ date, kind: input.kind, name: input.name, created_by: actor.id })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: input.kind, name: input.name, created_by: actor.id }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actor, action: 'holiday_override.saved', entityType: 'holiday_override', entityId: date, details: { ...input }, at: deps.now() });
    return holidayView(row);
  });
}

export async function deleteHolidayOverride(deps: AppDeps, actor: Actor, date: string): Promise<void> {
  await deps.db.kysely.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('holiday_overrides').where('date', '=', date).returning(['kind', 'name']).executeTakeFirst();
    if (!gone) throw new AppError('TAGIH_NOT_FOUND', `no holiday override on ${date}`);
    await audit(trx, { actor, action: 'holiday_override.deleted', entityType: 'holiday_override', entityId: date, details: { ...gone }, at: deps.now() });
  });
}
