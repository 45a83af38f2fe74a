import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { DEFAULT_STRATEGY, DEFAULT_STRATEGY_TEMPLATES, validateStrategy, type ActiveStrategy, type StrategyValidation } from '../../domain/strategy/index.ts';
import { invalidStrategy, strategyNotFound } from './errors.ts';
import * as repo from './repo.ts';

export type { StrategyRow } from './repo.ts';

/** Validates a definition against the live template catalogue. */
export async function validateDefinition(db: Kysely<Database>, definition: unknown): Promise<StrategyValidation> {
  return validateStrategy(definition, await repo.templateCatalogue(db));
}

/** Saves a new draft version; refused (400, every issue listed) unless the definition validates. */
export async function createDraft(db: Kysely<Database>, actor: Actor, input: { name: string; definition: unknown }): Promise<repo.StrategyRow> {
  const v = await validateDefinition(db, input.definition);
  if (!v.ok) throw invalidStrategy(v.issues);
  return db.transaction().execute(async (trx) => {
    await repo.lockStrategies(trx);
    const row = await repo.insertStrategy(trx, { name: input.name, definition: v.definition, status: 'draft', createdBy: actor.id, activatedAt: null });
    if (!row) throw new AppError('TAGIH_CONFLICT', 'another version was saved at the same moment; retry');
    await audit(trx, { actor, action: 'strategy.create', entityType: 'strategy', entityId: String(row.version), details: { name: row.name } });
    return row;
  });
}

export async function getStrategy(db: Kysely<Database>, version: number): Promise<repo.StrategyRow> {
  const row = await repo.findStrategy(db, version);
  if (!row) throw strategyNotFound(version);
  return row;
}

export const listStrategies = repo.listStrategies;

/**
 * Makes `version` the one active strategy (the previous one is retired), re-validated against today's templates,
 * with an audit row in the same transaction. Activating the active version again is a no-op.
 */
export async function activate(db: Kysely<Database>, actor: Actor, version: number, at: Date): Promise<repo.StrategyRow> {
  return db.transaction().execute(async (trx) => {
    await repo.lockStrategies(trx);
    const row = await repo.findStrategy(trx, version);
    if (!row) throw strategyNotFound(version);
    if (row.status === 'active') return row;
    const v = await validateDefinition(trx, row.definition);
    if (!v.ok) throw invalidStrategy(v.issues);
    const previous = await repo.findActiveStrategy(trx);
    await repo.switchActive(trx, version, at);
    await audit(trx, { actor, action: 'strategy.activate', entityType: 'strategy', entityId: String(version), at, details: { previous_version: previous?.version ?? null } });
    return (await repo.findStrategy(trx, version))!;
  });
}

/**
 * Seeds the default strategy (version 1, active) and the templates it uses — only into an empty strategies table,
 * so an operator who retired every version is not overruled. The daily batch calls it before it reads the active
 * version; `npm start` gets it on the first scheduled run.
 */
export async function ensureDefaultStrategy(db: Kysely<Database>, actor: Actor, at: Date): Promise<{ seeded: boolean }> {
  if ((await repo.countStrategies(db)) > 0) return { seeded: false };
  return db.transaction().execute(async (trx) => {
    await repo.lockStrategies(trx);
    if ((await repo.countStrategies(trx)) > 0) return { seeded: false };
    for (const t of DEFAULT_STRATEGY_TEMPLATES) await repo.insertTemplateIfMissing(trx, t);
    const v = await validateDefinition(trx, DEFAULT_STRATEGY.definition);
    if (!v.ok) throw new Error(`the built-in default strategy is invalid: ${JSON.stringify(v.issues)}`);
    await repo.insertStrategy(trx, { name: DEFAULT_STRATEGY.name, definition: v.definition, status: 'active', createdBy: null, activatedAt: at, version: 1 });
    await audit(trx, { actor, action: 'strategy.activate', entityType: 'strategy', entityId: '1', at, details: { seeded_default: true } });
    return { seeded: true };
  });
}

/** A stored version, validated again (templates may have been retired since it was saved). */
export async function loadStrategy(db: Kysely<Database>, version: number): Promise<ActiveStrategy> {
  const row = await getStrategy(db, version);
  const v = await validateDefinition(db, row.definition);
  if (!v.ok) throw invalidStrategy(v.issues);
  return { version: row.version, definition: v.definition };
}

/** The active version, or null when none is active (the batch then recomputes delinquency and treats nobody). */
export async function loadActiveStrategy(db: Kysely<Database>): Promise<ActiveStrategy | null> {
  const row = await repo.findActiveStrategy(db);
  return row ? loadStrategy(db, row.version) : null;
}
