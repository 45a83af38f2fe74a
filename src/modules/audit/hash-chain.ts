import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.ts';

/** The hash of the row before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  readonly occurredAt: Date;
  readonly actorId: string | null;
  readonly actorLabel: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly reason: string | null;
  readonly details: Record<string, unknown>;
}

/** sha256(prev_hash ‖ canonical content): editing or deleting any row breaks every later link. */
export function chainHash(prevHash: string, c: AuditContent): string {
  const body = canonicalJson({
    occurred_at: c.occurredAt.toISOString(),
    actor_id: c.actorId,
    actor_label: c.actorLabel,
    action: c.action,
    entity_type: c.entityType,
    entity_id: c.entityId,
    reason: c.reason,
    details: c.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
