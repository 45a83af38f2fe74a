import { IANAZone } from 'luxon';
import {
  BUCKET_CODES,
  MANDATORY_STOP_CONDITIONS,
  NUMERIC_FIELDS,
  PTP_STATES,
  strategyDefinitionSchema,
  type Condition,
  type MessageChannel,
  type SegmentField,
  type StrategyDefinition,
} from './definition.ts';

/** Which rule a definition broke; stable codes so the admin UI can point at the spot. */
export const STRATEGY_RULES = [
  'shape',
  'arm_duplicate',
  'arm_percentages',
  'ladder_unknown',
  'ladder_missing_arm',
  'arm_unknown',
  'step_duplicate',
  'template_unknown',
  'condition_value',
  'condition_overlap',
  'segment_duplicate',
  'segment_unreachable',
  'stop_condition_missing',
] as const;
export type StrategyRule = (typeof STRATEGY_RULES)[number];

export interface StrategyIssue {
  /** Where in the definition, e.g. `segments[2].when[0].value`. */
  readonly path: string;
  readonly rule: StrategyRule;
  readonly message: string;
}

/** A message template the send path knows, so a ladder cannot name one that does not exist. */
export interface TemplateRef {
  readonly code: string;
  readonly channel: MessageChannel;
}

export type StrategyValidation = { readonly ok: true; readonly definition: StrategyDefinition } | { readonly ok: false; readonly issues: readonly StrategyIssue[] };

/**
 * Checks a definition before it is saved or activated and lists every problem with its rule and place:
 * shape (unknown fields, bad channels), arm percentages summing to 100, every segment mapping every arm to a known
 * ladder, templates that exist for the step's channel, condition values that fit their field, no field constrained
 * twice in one segment, no segment that can never match, and the stop conditions compliance demands.
 */
export function validateStrategy(input: unknown, templates: readonly TemplateRef[]): StrategyValidation {
  const parsed = strategyDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), rule: 'shape' as const, message: i.message })),
    };
  }
  const def = parsed.data;
  const issues: StrategyIssue[] = [];
  const add = (path: string, rule: StrategyRule, message: string) => issues.push({ path, rule, message });

  const armCodes = new Set<string>();
  def.arms.forEach((a, i) => {
    if (armCodes.has(a.code)) add(`arms[${i}].code`, 'arm_duplicate', `arm "${a.code}" is defined more than once`);
    armCodes.add(a.code);
  });
  const sum = def.arms.reduce((s, a) => s + a.percent, 0);
  if (sum !== 100) add('arms', 'arm_percentages', `arm percentages sum to ${sum}; they must sum to exactly 100`);

  const known = new Set(templates.map((t) => `${t.channel}:${t.code}`));
  for (const [ladderCode, ladder] of Object.entries(def.ladders)) {
    const stepCodes = new Set<string>();
    ladder.steps.forEach((s, i) => {
      const path = `ladders.${ladderCode}.steps[${i}]`;
      if (stepCodes.has(s.code)) add(`${path}.code`, 'step_duplicate', `step "${s.code}" appears twice in ladder "${ladderCode}"`);
      stepCodes.add(s.code);
      if (s.action.type === 'contact' && !known.has(`${s.action.channel}:${s.action.template}`)) {
        add(`${path}.action.template`, 'template_unknown', `no active ${s.action.channel} template "${s.action.template}"`);
      }
    });
  }

  const segmentCodes = new Set<string>();
  def.segments.forEach((seg, si) => {
    const path = `segments[${si}]`;
    if (segmentCodes.has(seg.code)) add(`${path}.code`, 'segment_duplicate', `segment "${seg.code}" is defined more than once`);
    segmentCodes.add(seg.code);
    for (const arm of armCodes) {
      const ladder = seg.ladders[arm];
      if (ladder === undefined) add(`${path}.ladders`, 'ladder_missing_arm', `segment "${seg.code}" has no ladder for arm "${arm}"`);
      else if (def.ladders[ladder] === undefined) add(`${path}.ladders.${arm}`, 'ladder_unknown', `segment "${seg.code}" names unknown ladder "${ladder}"`);
    }
    for (const arm of Object.keys(seg.ladders)) {
      if (!armCodes.has(arm)) add(`${path}.ladders.${arm}`, 'arm_unknown', `segment "${seg.code}" maps unknown arm "${arm}"`);
    }
    const fields = new Set<SegmentField>();
    seg.when.forEach((c, ci) => {
      const cpath = `${path}.when[${ci}]`;
      if (fields.has(c.field)) {
        add(`${cpath}.field`, 'condition_overlap', `segment "${seg.code}" constrains "${c.field}" more than once; combine them (e.g. one "between")`);
      }
      fields.add(c.field);
      const problem = conditionProblem(c);
      if (problem !== null) add(`${cpath}.value`, 'condition_value', `segment "${seg.code}", ${c.field} ${c.op}: ${problem}`);
    });
    for (let earlier = 0; earlier < si; earlier++) {
      const prev = def.segments[earlier]!;
      if (prev.when.every((pc) => seg.when.some((c) => sameCondition(pc, c)))) {
        add(path, 'segment_unreachable', `segment "${seg.code}" can never match: every account it selects is taken first by "${prev.code}" (segments match in order)`);
        break;
      }
    }
  });

  def.stopConditions.forEach((s, i) => {
    if (def.stopConditions.indexOf(s) !== i) add(`stopConditions[${i}]`, 'condition_overlap', `stop condition "${s}" is listed twice`);
  });
  for (const s of MANDATORY_STOP_CONDITIONS) {
    if (!def.stopConditions.includes(s)) add('stopConditions', 'stop_condition_missing', `stop condition "${s}" is required (no collection on paid accounts or during an open dispute)`);
  }
  return issues.length === 0 ? { ok: true, definition: def } : { ok: false, issues };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc === '' ? String(p) : `${acc}.${String(p)}`), '') || '/';
}

function isNumeric(field: SegmentField): boolean {
  return (NUMERIC_FIELDS as readonly string[]).includes(field);
}

/** Why a condition's value does not fit its field and operator, or null when it does. */
function conditionProblem(c: Condition): string | null {
  const values = Array.isArray(c.value) ? c.value : [c.value];
  const wantsList = c.op === 'in' || c.op === 'not_in' || c.op === 'between';
  if (wantsList !== Array.isArray(c.value)) return wantsList ? `"${c.op}" needs a list` : `"${c.op}" needs a single value`;
  if (c.op === 'between') {
    if (values.length !== 2) return '"between" needs exactly [low, high]';
    const [lo, hi] = values;
    if (typeof lo !== 'number' || typeof hi !== 'number') return '"between" needs numbers';
    if (lo > hi) return `low ${lo} is above high ${hi}, so nothing matches`;
  }
  if ((c.op === 'gte' || c.op === 'lte' || c.op === 'between') && !isNumeric(c.field)) return `"${c.op}" works only on numeric fields`;
  for (const v of values) {
    if (isNumeric(c.field)) {
      if (typeof v !== 'number') return `"${String(v)}" is not a number`;
      if (c.field === 'kol' && !(Number.isInteger(v) && v >= 1 && v <= 5)) return `Kol ${v} is not 1–5`;
      if ((c.field === 'dpd' || c.field === 'contacts_7d' || c.field === 'days_since_contact') && !(Number.isInteger(v) && v >= 0)) return `${v} is not a whole number ≥ 0`;
      continue;
    }
    if (typeof v !== 'string') return `${v} is not text`;
    if (c.field === 'bucket' && !BUCKET_CODES.includes(v)) return `unknown bucket "${v}" (known: ${BUCKET_CODES.join(', ')})`;
    if (c.field === 'ptp_state' && !(PTP_STATES as readonly string[]).includes(v)) return `unknown PTP state "${v}" (known: ${PTP_STATES.join(', ')})`;
    if (c.field === 'zone' && !IANAZone.isValidZone(v)) return `"${v}" is not an IANA time zone`;
  }
  return null;
}

function sameCondition(a: Condition, b: Condition): boolean {
  return a.field === b.field && a.op === b.op && JSON.stringify(a.value) === JSON.stringify(b.value);
}
