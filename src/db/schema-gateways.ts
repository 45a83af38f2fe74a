import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Money = ColumnType<bigint, bigint | number, bigint | number>;
type Json = ColumnType<unknown, string | undefined, string>;

export const GATEWAYS = ['midtrans', 'xendit', 'sandbox'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

export const INSTRUMENT_KINDS = ['va', 'link'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export interface PaymentInstrumentsTable {
  id: Generated<string>;
  account_id: string;
  gateway: GatewayName;
  kind: InstrumentKind;
  reference: string;
  external_id: string | null;
  bank: string | null;
  va_number: string | null;
  payment_url: string | null;
  amount_idr: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  status: Generated<'active' | 'paid' | 'expired' | 'cancelled'>;
  expires_at: NullableTimestamp;
  created_by: string | null;
  created_at: Generated<Date>;
}

export const ORDER_STATUSES = ['pending', 'paid', 'failed', 'expired', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface GatewayOrdersTable {
  id: Generated<string>;
  gateway: GatewayName;
  order_ref: string;
  instrument_id: string;
  account_id: string;
  status: OrderStatus;
  amount_idr: Money;
  paid_at: NullableTimestamp;
  payment_id: string | null;
  notifications: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export const WEBHOOK_VERDICTS = ['booked', 'applied', 'ignored', 'unknown_order', 'bad_signature', 'malformed'] as const;
export type WebhookVerdict = (typeof WEBHOOK_VERDICTS)[number];

export interface WebhookReceiptsTable {
  id: Generated<bigint>;
  gateway: string;
  received_at: Timestamp;
  verdict: WebhookVerdict;
  order_ref: string | null;
  reported_status: string | null;
  detail: string | null;
  payload: Json;
  remote_ip: string | null;
}

export const PLAN_KINDS = ['restructure', 'settlement'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_SOURCES = ['agent', 'portal', 'assistant', 'strategy'] as const;
export type PlanSource = (typeof PLAN_SOURCES)[number];
export const PLAN_STATUSES = ['proposed', 'approved', 'rejected', 'completed', 'breached', 'superseded', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PaymentPlansTable {
  id: Generated<string>;
  account_id: string;
  kind: PlanKind;
  source: PlanSource;
  status: Generated<PlanStatus>;
  outstanding_idr: Money;
  discount_idr: Money;
  total_idr: Money;
  first_payment_idr: Money;
  instalments: number;
  first_due_date: string;
  required_role: 'agent' | 'supervisor' | 'admin';
  note: string | null;
  proposed_by: string | null;
  proposed_at: Timestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  breached_at: NullableTimestamp;
  completed_at: NullableTimestamp;
}

export interface PaymentPlanInstalmentsTable {
  plan_id: string;
  seq: number;
  due_date: string;
  amount_idr: Money;
}

export interface AccountScheduleArchiveTable {
  id: Generated<bigint>;
  account_id: string;
  replaced_by_plan_id: string;
  seq: number;
  due_date: string;
  principal_due: Money;
  interest_due: Money;
  fee_due: Money;
  penalty_due: Money;
  principal_paid: Money;
  interest_paid: Money;
  fee_paid: Money;
  penalty_paid: Money;
  plan_id: string | null;
  archived_at: Timestamp;
}

/** Tables of payment instruments, gateway webhooks and payment plans (migration 0210). */
export interface GatewayTables {
  payment_instruments: PaymentInstrumentsTable;
  gateway_orders: GatewayOrdersTable;
  webhook_receipts: WebhookReceiptsTable;
  payment_plans: PaymentPlansTable;
  payment_plan_instalments: PaymentPlanInstalmentsTable;
  account_schedule_archive: AccountScheduleArchiveTable;
}
