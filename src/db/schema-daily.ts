import type { ColumnType, Generated } from 'kysely';

export const TREATMENT_ACTIONS = ['contact', 'task', 'escalate'] as const;
export type TreatmentActionKind = (typeof TREATMENT_ACTIONS)[number];
export const TREATMENT_OUTCOMES = ['planned', 'blocked', 'duplicate', 'deferred', 'created'] as const;
export type TreatmentOutcome = (typeof TREATMENT_OUTCOMES)[number];

/** One decided treatment (migration 0110_strategies_daily.sql). */
export interface StrategyTreatmentsTable {
  id: Generated<bigint>;
  idempotency_key: string;
  business_date: string;
  account_id: string;
  debtor_id: string;
  strategy_version: number;
  segment: string;
  arm: string;
  step_code: string;
  action: TreatmentActionKind;
  outcome: TreatmentOutcome;
  outbox_id: string | null;
  work_item_id: string | null;
  reasons: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
}

/** Tables of the strategies and daily-batch capability. (`accounts.score` and `accounts.hardship_until` are read with SQL.) */
export interface DailyTables {
  strategy_treatments: StrategyTreatmentsTable;
}
