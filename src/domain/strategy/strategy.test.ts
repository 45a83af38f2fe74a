import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../templates/index.ts';
import { addDays } from '../dates.ts';
import {
  armFor,
  DEFAULT_STRATEGY,
  DEFAULT_STRATEGY_TEMPLATES,
  evaluateAccount,
  validateStrategy,
  type AccountFacts,
  type ActiveStrategy,
  type StrategyDefinition,
  type StrategyIssue,
} from './index.ts';

const templates = DEFAULT_STRATEGY_TEMPLATES.map((t) => ({ code: t.code, channel: t.channel }));

function valid(input: unknown): StrategyDefinition {
  const r = validateStrategy(input, templates);
  if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.issues)}`);
  return r.definition;
}
function issues(input: unknown): StrategyIssue[] {
  const r = validateStrategy(input, templates);
  if (r.ok) throw new Error('expected the definition to be refused');
  return [...r.issues];
}
const clone = (): Record<string, unknown> => structuredClone(DEFAULT_STRATEGY.definition) as Record<string, unknown>;

const strategy: ActiveStrategy = { version: 7, definition: valid(DEFAULT_STRATEGY.definition) };

function facts(over: Partial<AccountFacts> = {}): AccountFacts {
  return {
    accountId: '00000000-0000-4000-8000-000000000001',
    debtorId: '00000000-0000-4000-8000-0000000000d1',
    dpd: 0,
    bucket: 'current',
    kol: 1,
    outstandingIdr: 5_000_000n,
    product: 'KTA',
    score: null,
    zone: 'Asia/Jakarta',
    contacts7d: 0,
    daysSinceContact: null,
    ptpState: 'none',
    openDispute: false,
    hardshipPlan: false,
    oldestUnpaidDueDate: '2026-03-20',
    ...over,
  };
}

describe('strategy validation', () => {
  it('accepts the default strategy, whose templates pass the compliance lint', () => {
    expect(valid(DEFAULT_STRATEGY.definition).catchUpDays).toBe(2);
    for (const t of DEFAULT_STRATEGY_TEMPLATES) expect(validateTemplate(t.body, { channel: t.channel, language: t.language }), t.code).toMatchObject({ ok: true });
  });

  it('refuses percentages that do not sum to 100, naming the rule', () => {
    const d = clone();
    d['arms'] = [{ code: 'champion', percent: 70 }, { code: 'challenger', percent: 20 }];
    expect(issues(d)).toContainEqual({ path: 'arms', rule: 'arm_percentages', message: 'arm percentages sum to 90; they must sum to exactly 100' });
  });

  it('refuses unknown fields, channels and templates', () => {
    const d = clone() as { segments: { when: unknown[] }[]; ladders: Record<string, { steps: { action: Record<string, unknown> }[] }> };
    d.segments[0]!.when = [{ field: 'dpd_days', op: 'gte', value: 3 }];
    expect(issues(d).map((i) => [i.rule, i.path])).toContainEqual(['shape', 'segments[0].when[0].field']);

    const e = clone() as typeof d;
    e.ladders['standard']!.steps[0]!.action['channel'] = 'pigeon';
    expect(issues(e)[0]).toMatchObject({ rule: 'shape', path: 'ladders.standard.steps[0].action.channel' });

    const f = clone() as typeof d;
    f.ladders['standard']!.steps[1]!.action['template'] = 'nope';
    expect(issues(f)).toContainEqual({ path: 'ladders.standard.steps[1].action.template', rule: 'template_unknown', message: 'no active sms template "nope"' });
    const g = clone() as typeof d;
    g.ladders['standard']!.steps[1]!.action['channel'] = 'email'; // the SMS template exists, but not for email
    expect(issues(g).map((i) => i.rule)).toEqual(['template_unknown']);

    expect(issues({ ...clone(), extra: 1 })[0]).toMatchObject({ rule: 'shape' });
  });

  it('refuses overlapping conditions, unreachable segments and bad values', () => {
    const d = clone() as { segments: { code: string; when: unknown[]; ladders: Record<string, string> }[] };
    d.segments[0]!.when = [
      { field: 'dpd', op: 'gte', value: 3 },
      { field: 'dpd', op: 'lte', value: 1 },
    ];
    expect(issues(d)).toContainEqual(expect.objectContaining({ path: 'segments[0].when[1].field', rule: 'condition_overlap' }));

    const e = clone() as typeof d;
    e.segments.push({ code: 'late', when: [{ field: 'dpd', op: 'gte', value: 30 }], ladders: { champion: 'standard', challenger: 'standard' } });
    expect(issues(e)).toContainEqual(expect.objectContaining({ path: 'segments[2]', rule: 'segment_unreachable' }));

    const f = clone() as typeof d;
    f.segments[0]!.when = [{ field: 'bucket', op: 'in', value: ['1-30', '400+'] }];
    expect(issues(f)).toContainEqual(expect.objectContaining({ rule: 'condition_value', message: expect.stringContaining('unknown bucket "400+"') }));
    f.segments[0]!.when = [{ field: 'dpd', op: 'between', value: [30, 10] }];
    expect(issues(f)[0]?.message).toContain('low 30 is above high 10');
    f.segments[0]!.when = [{ field: 'zone', op: 'eq', value: 'Asia/Atlantis' }];
    expect(issues(f)[0]?.rule).toBe('condition_value');
    f.segments[0]!.when = [{ field: 'product', op: 'gte', value: 3 }];
    expect(issues(f)[0]?.message).toContain('works only on numeric fields');
  });

  it('refuses unknown ladders and arms, missing arms and dropped mandatory stop conditions', () => {
    const d = clone() as { segments: { ladders: Record<string, string> }[]; stopConditions: string[] };
    d.segments[0]!.ladders = { champion: 'gentle', ghost: 'standard' };
    d.stopConditions = ['paid'];
    const rules = issues(d).map((i) => i.rule);
    expect(rules).toEqual(expect.arrayContaining(['ladder_unknown', 'ladder_missing_arm', 'arm_unknown', 'stop_condition_missing']));
  });
});

describe('strategy evaluation', () => {
  const at = (days: number) => addDays('2026-03-20', days);

  it('fires each ladder step on its day relative to the due date', () => {
    const arm = armFor(facts().accountId, strategy.version, strategy.definition.arms).code;
    const ladder = arm === 'champion' ? 'standard' : 'early_call';
    const steps = strategy.definition.ladders[ladder]!.steps;
    for (const step of steps) {
      const e = evaluateAccount({ ...strategy, definition: { ...strategy.definition, catchUpDays: 0 } }, facts(), at(step.offset));
      expect(e.kind).toBe('treat');
      if (e.kind === 'treat') expect(e.treatments.map((t) => t.stepCode)).toContain(step.code);
    }
    const e = evaluateAccount(strategy, facts(), at(1));
    expect(e).toMatchObject({ kind: 'treat', segment: 'everyone' });
    if (e.kind === 'treat') {
      // D+1 with a 2-day catch-up window also still covers D0 (missed runs are caught up once, by key).
      expect(e.treatments.map((t) => t.stepCode)).toEqual(['d0.sms', 'd+1.call']);
      expect(e.treatments[1]!.idempotencyKey).toBe(`s7:${facts().accountId}:d+1.call:2026-03-20`);
    }
  });

  it('selects the first matching segment and stops on paid, PTP, dispute and hardship', () => {
    expect(evaluateAccount(strategy, facts({ outstandingIdr: 80_000_000n }), at(0))).toMatchObject({ segment: 'high_balance' });
    expect(evaluateAccount(strategy, facts({ oldestUnpaidDueDate: null }), at(0))).toMatchObject({ kind: 'stopped', stop: 'paid' });
    expect(evaluateAccount(strategy, facts({ ptpState: 'pending' }), at(7))).toMatchObject({ kind: 'stopped', stop: 'ptp_pending' });
    expect(evaluateAccount(strategy, facts({ ptpState: 'broken' }), at(7))).toMatchObject({ kind: 'treat' });
    expect(evaluateAccount(strategy, facts({ openDispute: true }), at(7))).toMatchObject({ kind: 'stopped', stop: 'open_dispute' });
    expect(evaluateAccount(strategy, facts({ hardshipPlan: true }), at(7))).toMatchObject({ kind: 'stopped', stop: 'hardship_plan' });
  });

  it('matches nothing when no segment applies', () => {
    const def: StrategyDefinition = { ...strategy.definition, segments: [strategy.definition.segments[0]!] };
    expect(evaluateAccount({ version: 1, definition: def }, facts(), at(0)).kind).toBe('no_segment');
  });
});

const arbUuid = fc.uuid();
const arbFacts: fc.Arbitrary<AccountFacts> = fc.record({
  accountId: arbUuid,
  debtorId: arbUuid,
  dpd: fc.integer({ min: 0, max: 400 }),
  bucket: fc.constantFrom('current', '1-30', '31-60', '61-90', '91-120', '121-180', '180+'),
  kol: fc.integer({ min: 1, max: 5 }),
  outstandingIdr: fc.bigInt({ min: 0n, max: 500_000_000n }),
  product: fc.constantFrom('KTA', 'Paylater'),
  score: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  zone: fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'),
  contacts7d: fc.integer({ min: 0, max: 20 }),
  daysSinceContact: fc.option(fc.integer({ min: 0, max: 100 })),
  ptpState: fc.constantFrom('none', 'pending', 'kept', 'partially_kept', 'broken'),
  openDispute: fc.boolean(),
  hardshipPlan: fc.boolean(),
  oldestUnpaidDueDate: fc.option(fc.integer({ min: 0, max: 800 }).map((n) => addDays('2025-01-01', n))),
});
const arbDate = fc.integer({ min: 0, max: 900 }).map((n) => addDays('2025-01-01', n));

describe('strategy properties', () => {
  it('assigns the same arm for the same account and version, every time', () => {
    fc.assert(
      fc.property(arbUuid, fc.integer({ min: 1, max: 10_000 }), (id, v) => {
        const arms = strategy.definition.arms;
        expect(armFor(id, v, arms)).toBe(armFor(id, v, arms));
      }),
    );
  });

  it('splits accounts across arms within 1.5 points of the configured percentages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 2 ** 30 }), (pct, version, seed) => {
        const arms = [
          { code: 'a', percent: pct },
          { code: 'b', percent: 100 - pct },
        ];
        const n = 20_000;
        let a = 0;
        for (let i = 0; i < n; i++) {
          const id = `${(seed + i).toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
          if (armFor(id, version, arms).code === 'a') a++;
        }
        expect(Math.abs((a / n) * 100 - pct)).toBeLessThan(1.5);
      }),
      { numRuns: 15 },
    );
  });

  it('never plans a contact or task while a stop condition holds', () => {
    fc.assert(
      fc.property(arbFacts, arbDate, (f, date) => {
        const e = evaluateAccount(strategy, f, date);
        const stopped = f.oldestUnpaidDueDate === null || f.outstandingIdr <= 0n || f.ptpState === 'pending' || f.openDispute || f.hardshipPlan;
        if (stopped) expect(e.kind).not.toBe('treat');
        if (e.kind === 'treat') expect(stopped).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic, and keys are unique per account and step within one evaluation', () => {
    fc.assert(
      fc.property(arbFacts, arbDate, (f, date) => {
        const a = evaluateAccount(strategy, f, date);
        expect(evaluateAccount(strategy, f, date)).toEqual(a);
        if (a.kind === 'treat') expect(new Set(a.treatments.map((t) => t.idempotencyKey)).size).toBe(a.treatments.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('fires each step on at most catchUpDays + 1 consecutive days of one episode, always with the same key', () => {
    fc.assert(
      fc.property(arbFacts, (f) => {
        const g = { ...f, ptpState: 'none' as const, openDispute: false, hardshipPlan: false, outstandingIdr: 1_000_000n, oldestUnpaidDueDate: '2026-01-10' };
        const days = new Map<string, string[]>();
        for (let d = -70; d <= 200; d++) {
          const e = evaluateAccount(strategy, g, addDays('2026-01-10', d));
          if (e.kind !== 'treat') continue;
          for (const t of e.treatments) days.set(t.idempotencyKey, [...(days.get(t.idempotencyKey) ?? []), addDays('2026-01-10', d)]);
        }
        for (const [, ds] of days) expect(ds.length).toBeLessThanOrEqual(strategy.definition.catchUpDays + 1);
      }),
      { numRuns: 50 },
    );
  });
});
