import type { Selectable } from 'kysely';
import type { OutboxMessagesTable } from '../../db/schema-collection.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { listDecisions as listDecisionRows, listOutbox as listOutboxRows } from './query-repo.ts';
import type { ListDecisionsQuery, ListOutboxQuery } from './schema.ts';

function encode(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decode(cursor: string, keys: readonly string[]): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && keys.every((k) => typeof (parsed as Record<string, unknown>)[k] === 'string')) return parsed as Record<string, string>;
  } catch {
    // reported below
  }
  throw new AppError('TAGIH_VALIDATION', 'invalid cursor', [{ path: '/cursor', message: 'not a cursor returned by this API' }]);
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** One outbox row as the API shows it (dates as ISO strings). */
export function outboxView(r: Selectable<OutboxMessagesTable>) {
  return {
    ...r,
    not_before: r.not_before.toISOString(),
    created_at: r.created_at.toISOString(),
    sent_at: isoOrNull(r.sent_at),
    delivered_at: isoOrNull(r.delivered_at),
    reviewed_at: isoOrNull(r.reviewed_at),
  };
}

/** The outbox as staff and compliance see it: every planned, sent, blocked and dead message. */
export async function listOutbox(deps: AppDeps, q: ListOutboxQuery) {
  let afterId: string | null = null;
  if (q.cursor) {
    const c = decode(q.cursor, ['id']);
    if (!/^[0-9a-f-]{36}$/.test(c['id']!)) throw new AppError('TAGIH_VALIDATION', 'invalid cursor', [{ path: '/cursor', message: 'bad id' }]);
    afterId = c['id']!;
  }
  const rows = await listOutboxRows(deps.db.kysely, q, afterId);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(outboxView),
    next_cursor: rows.length > q.limit && last ? encode({ id: last.id }) : null,
  };
}

/** Every contact-policy decision (plan and dispatch stages), with its reasons. */
export async function listDecisions(deps: AppDeps, q: ListDecisionsQuery) {
  let afterId: bigint | null = null;
  if (q.cursor) {
    const c = decode(q.cursor, ['id']);
    if (!/^\d{1,19}$/.test(c['id']!)) throw new AppError('TAGIH_VALIDATION', 'invalid cursor', [{ path: '/cursor', message: 'bad id' }]);
    afterId = BigInt(c['id']!);
  }
  const rows = await listDecisionRows(deps.db.kysely, q, afterId);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({ ...r, id: r.id.toString(), decided_at: r.decided_at.toISOString(), next_allowed_at: isoOrNull(r.next_allowed_at) })),
    next_cursor: rows.length > q.limit && last ? encode({ id: last.id.toString() }) : null,
  };
}
