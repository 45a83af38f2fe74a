import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { MESSAGE_CHANNELS, type MessageChannel, type TemplateRef } from '../../domain/strategy/index.ts';

/** Every Kysely builder of the strategies module. */

export interface StrategyRow {
  id: string;
  version: number;
  name: string;
  definition: unknown;
  status: 'draft' | 'active' | 'retired';
  created_by: string | null;
  created_at: Date;
  activated_at: Date | null;
}

const COLUMNS = ['id', 'version', 'name', 'definition', 'status', 'created_by', 'created_at', 'activated_at'] as const;

export async function listStrategies(db: Kysely<Database>): Promise<StrategyRow[]> {
  return db.selectFrom('strategies').select(COLUMNS).orderBy('version', 'desc').execute();
}

export async function findStrategy(db: Kysely<Database>, version: number): Promise<StrategyRow | undefined> {
  return db.selectFrom('strategies').select(COLUMNS).where('version', '=', version).executeTakeFirst();
}

export async function findActiveStrategy(db: Kysely<Database>): Promise<StrategyRow | undefined> {
  return db.selectFrom('strategies').select(COLUMNS).where('status', '=', 'active').executeTakeFirst();
}

export async function countStrategies(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('strategies').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Inserts the next version; the unique version makes two concurrent saves fail rather than share a number. */
export async function insertStrategy(
  db: Kysely<Database>,
  row: { name: string; definition: unknown; status: 'draft' | 'active'; createdBy: string | null; activatedAt: Date | null; version?: number },
): Promise<StrategyRow | undefined> {
  const next = row.version ?? Number((await sql<{ v: number }>`select coalesce(max(version), 0) + 1 as v from strategies`.execute(db)).rows[0]!.v);
  return db
    .insertInto('strategies')
    .values({ version: next, name: row.name, definition: JSON.stringify(row.definition), status: row.status, created_by: row.createdBy, activated_at: row.activatedAt })
    .onConflict((oc) => oc.column('version').doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** Retires the active version and activates `version`, in the caller's transaction. */
export async function switchActive(trx: Kysely<Database>, version: number, at: Date): Promise<void> {
  await trx.updateTable('strategies').set({ status: 'retired' }).where('status', '=', 'active').where('version', '<>', version).execute();
  await trx.updateTable('strategies').set({ status: 'active', activated_at: at }).where('version', '=', version).execute();
}

/** Serialises activations and the default seed (two admins, two nodes). */
export async function lockStrategies(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('tagih.strategies'))`.execute(trx);
}

const isMessageChannel = (c: string): c is MessageChannel => (MESSAGE_CHANNELS as readonly string[]).includes(c);

/** Active message templates: the catalogue a ladder's contact steps are checked against. */
export async function templateCatalogue(db: Kysely<Database>): Promise<TemplateRef[]> {
  const rows = await db.selectFrom('message_templates').select(['code', 'channel']).distinct().where('status', '=', 'active').execute();
  return rows.flatMap((r) => (isMessageChannel(r.channel) ? [{ code: r.code, channel: r.channel }] : []));
}

export async function insertTemplateIfMissing(
  db: Kysely<Database>,
  t: { code: string; channel: MessageChannel; language: 'id' | 'en'; subject: string | null; body: string },
): Promise<void> {
  await db
    .insertInto('message_templates')
    .values({ code: t.code, channel: t.channel, language: t.language, version: 1, subject: t.subject, body: t.body })
    .onConflict((oc) => oc.columns(['code', 'channel', 'language', 'version']).doNothing())
    .execute();
}
