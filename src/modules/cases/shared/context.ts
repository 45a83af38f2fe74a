import type { AppConfig } from '../../../config.ts';
import { DEFAULT_CASE_POLICY, type CasePolicy } from '../../../domain/case-policy.ts';
import type { Actor } from '../../audit/index.ts';

/**
 * What a case service needs besides the transaction: the instant of the change, who makes it,
 * and the limits. Services take a transaction (`trx`) so a caller (assistant, payments) can make a
 * promise or open a dispute inside its own unit of work.
 */
export interface CaseContext {
  readonly now: Date;
  readonly actor: Actor;
  /** Defaults to DEFAULT_CASE_POLICY. */
  readonly policy?: CasePolicy;
}

/** The case policy of a running app: defaults overridden by configuration. */
export function casePolicyOf(config: AppConfig): CasePolicy {
  return { ...DEFAULT_CASE_POLICY, ...config.cases };
}
