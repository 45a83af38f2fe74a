import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-deps.ts';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../../lib/route-access.ts';
import { audit } from '../audit/index.ts';
import { actorOf } from './actor.ts';

/** Header in which a client states why it reads personal data (UU PDP purpose limitation); `?purpose=` also works. */
export const PURPOSE_HEADER = 'x-tagih-purpose';
const MAX_PURPOSE_LENGTH = 200;

/** The stated purpose of a request, from the `X-Tagih-Purpose` header or else the `purpose` query parameter; null when none. */
export function purposeOf(request: FastifyRequest): string | null {
  const header = request.headers[PURPOSE_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const query = request.query;
  const fromQuery = query !== null && typeof query === 'object' && 'purpose' in query ? (query as { purpose?: unknown }).purpose : undefined;
  const raw = fromHeader ?? (typeof fromQuery === 'string' ? fromQuery : undefined);
  const trimmed = raw?.trim().slice(0, MAX_PURPOSE_LENGTH);
  return trimmed ? trimmed : null;
}

export interface PiiRead {
  /** e.g. 'debtor' */
  readonly entityType: string;
  readonly entityId: string;
  /** Which fields were returned unmasked, e.g. ['nik', 'phone']. */
  readonly fields: readonly string[];
  /** Why (from `purposeOf(request)`); null is recorded as "no purpose stated". */
  readonly reason: string | null;
}

/**
 * Records that a person saw personal data unmasked: who (actor), what (entity + fields), when, and why.
 * Call it whenever `piiView(principal).unmasked` is true and a response carries such fields.
 * Pass `db` to write inside the caller's transaction.
 */
export async function auditPiiRead(deps: Pick<AppDeps, 'db' | 'now'>, principal: Principal, read: PiiRead, db: Kysely<Database> = deps.db.kysely): Promise<void> {
  await audit(db, {
    actor: actorOf(principal),
    action: 'pii.read',
    entityType: read.entityType,
    entityId: read.entityId,
    reason: read.reason,
    details: { fields: [...read.fields], role: principal.role, purpose_stated: read.reason !== null },
    at: deps.now(),
  });
}
