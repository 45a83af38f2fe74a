import { z } from 'zod';
import { DEFAULT_BUCKET_CODES } from '../buckets.ts';

/**
 * A collection strategy as versioned data (Kill Bill overdue states style): ordered segments pick a treatment
 * ladder per champion–challenger arm; ladders are steps keyed by the day offset from the due date.
 * The zod schema is the shape check; `validateStrategy` adds the rules that need the whole definition.
 */

/** Account facts a segment rule may test. A closed list so a typo ("dpd_days") is refused on save. */
export const SEGMENT_FIELDS = [
  'dpd',
  'bucket',
  'kol',
  'outstanding_idr',
  'product',
  'score',
  'zone',
  'contacts_7d',
  'days_since_contact',
  'ptp_state',
] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

/** Numeric fields compare with ranges; the others by equality or membership. */
export const NUMERIC_FIELDS = ['dpd', 'kol', 'outstanding_idr', 'score', 'contacts_7d', 'days_since_contact'] as const satisfies readonly SegmentField[];

/** The latest promise to pay of the account, as a segment sees it. */
export const PTP_STATES = ['none', 'pending', 'kept', 'partially_kept', 'broken'] as const;
export type PtpState = (typeof PTP_STATES)[number];

export const STOP_CONDITIONS = ['paid', 'ptp_pending', 'open_dispute', 'hardship_plan'] as const;
export type StopCondition = (typeof STOP_CONDITIONS)[number];
/** Stop conditions a definition may not drop: paid accounts and open disputes are never chased (POJK 22/2023). */
export const MANDATORY_STOP_CONDITIONS: readonly StopCondition[] = ['paid', 'open_dispute'];

/** Channels a strategy may send a message on; calls and visits are tasks for people, not messages. */
export const MESSAGE_CHANNELS = ['sms', 'whatsapp', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const TASK_KINDS = ['call', 'field_visit', 'legal_review'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

const code = z.string().regex(/^[a-z0-9][a-z0-9_.+-]{0,63}$/, 'lowercase letters, digits, _ . + - (at most 64)');
const scalar = z.union([z.string().min(1).max(100), z.number().finite()]);

export const conditionSchema = z
  .object({
    field: z.enum(SEGMENT_FIELDS),
    op: z.enum(['eq', 'neq', 'in', 'not_in', 'gte', 'lte', 'between']),
    value: z.union([scalar, z.array(scalar).min(1).max(200)]),
  })
  .strict();
export type Condition = z.infer<typeof conditionSchema>;

export const actionSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('contact'),
      channel: z.enum(MESSAGE_CHANNELS),
      template: code,
      purpose: z.enum(['reminder', 'collect']),
    })
    .strict(),
  z.object({ type: z.literal('task'), kind: z.enum(TASK_KINDS), queue: code, priority: z.number().int().min(0).max(1000).default(0) }).strict(),
  z.object({ type: z.literal('escalate'), queue: code, priority: z.number().int().min(0).max(1000).default(0) }).strict(),
]);
export type TreatmentAction = z.infer<typeof actionSchema>;

export const stepSchema = z
  .object({
    code,
    /** Days relative to the oldest unpaid due date: -3 is three days before, 0 the due date, 30 is DPD 30. */
    offset: z.number().int().min(-60).max(3650),
    action: actionSchema,
  })
  .strict();
export type TreatmentStep = z.infer<typeof stepSchema>;

export const ladderSchema = z.object({ description: z.string().max(500).optional(), steps: z.array(stepSchema).min(1).max(100) }).strict();
export type Ladder = z.infer<typeof ladderSchema>;

export const segmentSchema = z
  .object({
    code,
    description: z.string().max(500).optional(),
    /** All must hold (AND). Empty = every account (a catch-all, which must then be the last segment). */
    when: z.array(conditionSchema).max(20),
    /** Ladder code per arm code; every arm needs one. */
    ladders: z.record(code, code),
  })
  .strict();
export type Segment = z.infer<typeof segmentSchema>;

export const armSchema = z.object({ code, percent: z.number().int().min(0).max(100) }).strict();
export type Arm = z.infer<typeof armSchema>;

export const strategyDefinitionSchema = z
  .object({
    /** How many days late a step may still fire after its day was missed (the batch did not run, a stop condition lifted). */
    catchUpDays: z.number().int().min(0).max(14).default(2),
    arms: z.array(armSchema).min(1).max(10),
    ladders: z.record(code, ladderSchema),
    segments: z.array(segmentSchema).min(1).max(100),
    stopConditions: z.array(z.enum(STOP_CONDITIONS)).max(STOP_CONDITIONS.length),
  })
  .strict();
export type StrategyDefinition = z.infer<typeof strategyDefinitionSchema>;
/** What a caller writes (defaults not yet applied). */
export type StrategyDefinitionInput = z.input<typeof strategyDefinitionSchema>;

export const BUCKET_CODES: readonly string[] = DEFAULT_BUCKET_CODES;
