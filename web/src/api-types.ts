/**
 * Response and request shapes of the Tagih API, derived from the server's own zod schemas with type-only
 * imports (erased at build time), so the UI cannot drift from what the routes declare.
 */
import type { z } from 'zod';
import type { accountDetail, accountSummary, debtor360, debtorSummary, newInteraction } from '../../src/modules/portfolio/schema.ts';
import type { createUserBody, loginResponse, meResponse, userAdminView } from '../../src/modules/auth/schema.ts';

export type AccountSummary = z.infer<typeof accountSummary>;
export type AccountDetail = z.infer<typeof accountDetail>;
export type Debtor360 = z.infer<typeof debtor360>;
export type DebtorSummary = z.infer<typeof debtorSummary>;
export type Contact = Debtor360['contacts'][number];
export type Address = Debtor360['addresses'][number];
export type Interaction = Debtor360['interactions'][number];
export type TimelineEntry = Debtor360['timeline'][number];
export type ScheduleLine = AccountDetail['schedule'][number];
export type Payment = AccountDetail['payments'][number];
export type NewInteraction = z.input<typeof newInteraction>;
export type InteractionChannel = NewInteraction['channel'];
export type InteractionOutcome = NewInteraction['outcome'];
export type InteractionDirection = NewInteraction['direction'];

export type LoginResponse = z.infer<typeof loginResponse>;
export type MeResponse = z.infer<typeof meResponse>;
export type SessionUser = MeResponse['user'];
export type NextStep = MeResponse['next'];
export type UserAdminView = z.infer<typeof userAdminView>;
export type CreateUserBody = z.input<typeof createUserBody>;

export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

export interface Creditor {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly accounts: number;
}

/** Filters of the accounts work list, as the query string names them. */
export interface AccountFilters {
  bucket?: string;
  kol?: number;
  dpd_min?: number;
  dpd_max?: number;
  zone?: string;
  creditor?: string;
  q?: string;
}

/** One rejected row of an import; `row` is the 1-based data row of the CSV. */
export interface ImportRowError {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

/** The answer of `POST /api/v1/imports/accounts`. */
export interface ImportJobResult {
  readonly id: string;
  readonly status: string;
  readonly rows_read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly errors: ImportRowError[];
}
