import { daysBetween } from '../dates.ts';
import { armFor } from './arms.ts';
import type { Condition, PtpState, StopCondition, StrategyDefinition, TreatmentAction } from './definition.ts';

/** What the engine knows about one account on the business date (computed by the batch or the simulation). */
export interface AccountFacts {
  readonly accountId: string;
  readonly debtorId: string;
  readonly dpd: number;
  readonly bucket: string;
  readonly kol: number;
  readonly outstandingIdr: bigint;
  readonly product: string;
  readonly score: number | null;
  readonly zone: string;
  /** Outbound contacts (interactions) in the 7 days up to the business date. */
  readonly contacts7d: number;
  /** Days since the last outbound contact, null when never contacted. */
  readonly daysSinceContact: number | null;
  readonly ptpState: PtpState;
  readonly openDispute: boolean;
  readonly hardshipPlan: boolean;
  /** Due date of the oldest unpaid instalment (the delinquency episode's anchor), null when nothing is unpaid. */
  readonly oldestUnpaidDueDate: string | null;
}

/** A strategy version ready to evaluate: its number (part of every key) and its validated definition. */
export interface ActiveStrategy {
  readonly version: number;
  readonly definition: StrategyDefinition;
}

export interface DueTreatment {
  readonly stepCode: string;
  /** The step's day relative to the due date (D-3 → -3). */
  readonly offset: number;
  readonly action: TreatmentAction;
  /**
   * `s<version>:<account>:<step>:<oldest unpaid due date>` — once per step per delinquency episode, not per day.
   * A business-date key would let the catch-up window fire one step on several days; an episode key makes a
   * re-run, a resumed crash and a catch-up all land on the same row. Paying the oldest instalment moves the anchor
   * and starts a new episode, so the ladder applies afresh to the next missed instalment.
   */
  readonly idempotencyKey: string;
}

export type Evaluation =
  | { readonly kind: 'no_segment'; readonly arm: string }
  | { readonly kind: 'stopped'; readonly segment: string; readonly arm: string; readonly stop: StopCondition }
  | { readonly kind: 'treat'; readonly segment: string; readonly arm: string; readonly treatments: readonly DueTreatment[] };

/**
 * The treatments due for one account on `businessDate` (its own local date): pick the arm (stable hash), the first
 * matching segment, apply stop conditions (they suppress every treatment), then the ladder steps whose day is today
 * or was missed within `catchUpDays`. Pure and deterministic; whether a key has already fired is the caller's ledger.
 */
export function evaluateAccount(strategy: ActiveStrategy, facts: AccountFacts, businessDate: string): Evaluation {
  const def = strategy.definition;
  const arm = armFor(facts.accountId, strategy.version, def.arms).code;
  const segment = def.segments.find((s) => s.when.every((c) => matches(c, facts)));
  if (segment === undefined) return { kind: 'no_segment', arm };
  const stop = def.stopConditions.find((s) => stopApplies(s, facts));
  if (stop !== undefined) return { kind: 'stopped', segment: segment.code, arm, stop };
  const ladderCode = segment.ladders[arm];
  const ladder = ladderCode === undefined ? undefined : def.ladders[ladderCode];
  const anchor = facts.oldestUnpaidDueDate;
  if (ladder === undefined || anchor === null) return { kind: 'treat', segment: segment.code, arm, treatments: [] };
  const day = daysBetween(anchor, businessDate);
  const treatments: DueTreatment[] = [];
  for (const step of ladder.steps) {
    const late = day - step.offset;
    if (late < 0 || late > def.catchUpDays) continue;
    treatments.push({
      stepCode: step.code,
      offset: step.offset,
      action: step.action,
      idempotencyKey: `s${strategy.version}:${facts.accountId}:${step.code}:${anchor}`,
    });
  }
  return { kind: 'treat', segment: segment.code, arm, treatments };
}

/** True when a stop condition holds for the account. */
export function stopApplies(stop: StopCondition, f: AccountFacts): boolean {
  switch (stop) {
    case 'paid':
      return f.oldestUnpaidDueDate === null || f.outstandingIdr <= 0n;
    case 'ptp_pending':
      return f.ptpState === 'pending';
    case 'open_dispute':
      return f.openDispute;
    case 'hardship_plan':
      return f.hardshipPlan;
  }
}

function factValue(c: Condition, f: AccountFacts): string | number | null {
  switch (c.field) {
    case 'dpd':
      return f.dpd;
    case 'bucket':
      return f.bucket;
    case 'kol':
      return f.kol;
    case 'outstanding_idr':
      return Number(f.outstandingIdr);
    case 'product':
      return f.product;
    case 'score':
      return f.score;
    case 'zone':
      return f.zone;
    case 'contacts_7d':
      return f.contacts7d;
    case 'days_since_contact':
      return f.daysSinceContact;
    case 'ptp_state':
      return f.ptpState;
  }
}

/** One rule against the facts. An unknown fact (no score yet, never contacted) matches only `neq`/`not_in`. */
export function matches(c: Condition, f: AccountFacts): boolean {
  const v = factValue(c, f);
  const list = Array.isArray(c.value) ? c.value : [c.value];
  switch (c.op) {
    case 'eq':
      return v !== null && v === c.value;
    case 'neq':
      return v === null || v !== c.value;
    case 'in':
      return v !== null && list.includes(v);
    case 'not_in':
      return v === null || !list.includes(v);
    case 'gte':
      return typeof v === 'number' && typeof c.value === 'number' && v >= c.value;
    case 'lte':
      return typeof v === 'number' && typeof c.value === 'number' && v <= c.value;
    case 'between': {
      const [lo, hi] = list;
      return typeof v === 'number' && typeof lo === 'number' && typeof hi === 'number' && v >= lo && v <= hi;
    }
  }
}
