import { DEFAULT_APPROVAL_LIMITS, DEFAULT_PLAN_CONSTRAINTS, validateApprovalLimits, type ApprovalLimit, type PlanConstraints } from '../../domain/plans/index.ts';

/** The lender's plan policy: constraints, approval limits by role, and grace days before a missed instalment breaches. */
export interface PlanPolicy {
  readonly constraints: PlanConstraints;
  readonly approvalLimits: readonly ApprovalLimit[];
  readonly graceDays: number;
}

export const DEFAULT_PLAN_POLICY: PlanPolicy = { constraints: DEFAULT_PLAN_CONSTRAINTS, approvalLimits: DEFAULT_APPROVAL_LIMITS, graceDays: 7 };

/** Refuses a policy that could leave a proposal undecidable, at boot rather than at the first approval. */
export function checkedPolicy(policy: PlanPolicy): PlanPolicy {
  const problems = validateApprovalLimits(policy.approvalLimits);
  if (problems.length > 0) throw new Error(`invalid plan approval limits: ${problems.join('; ')}`);
  if (!Number.isInteger(policy.graceDays) || policy.graceDays < 0) throw new Error('plan grace days must be a whole number ≥ 0');
  return policy;
}
