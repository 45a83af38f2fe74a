import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { evaluateAccount, type ActiveStrategy } from '../../domain/strategy/index.ts';
import { readFactsPage, toAccountFacts } from './facts-sql.ts';

export interface SimulationOptions {
  /** The business date to simulate (every account evaluated on this local date). */
  readonly date: string;
  readonly sampleSize: number;
  readonly pageSize?: number;
}

export interface SimulationResult {
  readonly version: number;
  readonly date: string;
  readonly accounts: number;
  readonly segments: { segment: string; arm: string; accounts: number }[];
  readonly stopped: { reason: string; accounts: number }[];
  readonly treatments: { segment: string; arm: string; step: string; action: string; count: number }[];
  readonly sample: { account_no: string; dpd: number; bucket: string; segment: string; arm: string; step: string; action: string; idempotency_key: string }[];
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * "What would this version do to the portfolio on date X": streams every active account in keyset pages through
 * the same facts SQL and engine as the daily batch, counting per segment, arm and treatment, and keeps the first
 * `sampleSize` treatments. Reads only; memory is one page plus the counters. Ignores what earlier runs already did.
 */
export async function simulate(db: Kysely<Database>, strategy: ActiveStrategy, opts: SimulationOptions): Promise<SimulationResult> {
  const segments = new Map<string, number>();
  const stopped = new Map<string, number>();
  const treatments = new Map<string, number>();
  const sample: SimulationResult['sample'] = [];
  const at = new Date(`${opts.date}T05:00:00Z`);
  let after: string | null = null;
  let accounts = 0;
  for (;;) {
    const rows = await readFactsPage(db, after, opts.pageSize ?? 2000, { at, businessDate: opts.date });
    if (rows.length === 0) break;
    for (const row of rows) {
      accounts++;
      const e = evaluateAccount(strategy, toAccountFacts(row), opts.date);
      if (e.kind === 'no_segment') {
        bump(segments, `\u0000${e.arm}`);
        continue;
      }
      bump(segments, `${e.segment}\u0000${e.arm}`);
      if (e.kind === 'stopped') {
        bump(stopped, e.stop);
        continue;
      }
      for (const t of e.treatments) {
        const action = t.action.type === 'contact' ? `contact:${t.action.channel}` : t.action.type === 'task' ? `task:${t.action.kind}` : `escalate:${t.action.queue}`;
        bump(treatments, [e.segment, e.arm, t.stepCode, action].join('\u0000'));
        if (sample.length < opts.sampleSize) {
          sample.push({ account_no: row.account_no, dpd: row.dpd, bucket: row.bucket, segment: e.segment, arm: e.arm, step: t.stepCode, action, idempotency_key: t.idempotencyKey });
        }
      }
    }
    after = rows[rows.length - 1]!.id;
  }
  const split = (k: string) => k.split('\u0000');
  return {
    version: strategy.version,
    date: opts.date,
    accounts,
    segments: [...segments].map(([k, n]) => ({ segment: split(k)[0] || '(none)', arm: split(k)[1]!, accounts: n })).sort((a, b) => a.segment.localeCompare(b.segment) || a.arm.localeCompare(b.arm)),
    stopped: [...stopped].map(([reason, n]) => ({ reason, accounts: n })).sort((a, b) => a.reason.localeCompare(b.reason)),
    treatments: [...treatments]
      .map(([k, count]) => {
        const [segment, arm, step, action] = split(k) as [string, string, string, string];
        return { segment, arm, step, action, count };
      })
      .sort((a, b) => a.segment.localeCompare(b.segment) || a.arm.localeCompare(b.arm) || a.step.localeCompare(b.step)),
    sample,
  };
}
