export { addMonthsClamped, generateSchedule, type PlanInstalment, type ScheduleRequest } from './schedule.ts';
export { DEFAULT_PLAN_CONSTRAINTS, validateProposal, type PlanConstraints, type PlanKind, type PlanProposal, type PlanViolation } from './constraints.ts';
export { DEFAULT_APPROVAL_LIMITS, mayApprove, requiredApprover, validateApprovalLimits, type ApprovalLimit } from './approval.ts';
export { planStanding, type InstalmentStanding, type PlanStanding } from './breach.ts';
