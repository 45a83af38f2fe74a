import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRule, pickLeastLoaded, ruleMatches, type AccountFacts, type AssignmentRule } from './assignment-rules.ts';

const facts: AccountFacts = { zone: 'Asia/Makassar', province: '73', bucket: '31-60', dpd: 34, product: 'KTA', creditor: 'BANKMAJU' };
const rule = (id: string, position: number, conditions: AssignmentRule['conditions']): AssignmentRule => ({ id, position, conditions, teamId: `team-${id}`, queue: 'desk_l1', mode: 'least_loaded' });

describe('assignment rules', () => {
  it('matches on every stated condition', () => {
    expect(ruleMatches({}, facts)).toBe(true);
    expect(ruleMatches({ zones: ['Asia/Makassar'], dpdMin: 31, dpdMax: 60, products: ['KTA'] }, facts)).toBe(true);
    expect(ruleMatches({ zones: ['Asia/Jakarta'] }, facts)).toBe(false);
    expect(ruleMatches({ dpdMin: 35 }, facts)).toBe(false);
    expect(ruleMatches({ buckets: ['61-90'] }, facts)).toBe(false);
    expect(ruleMatches({ provinces: ['73'] }, { ...facts, province: null })).toBe(false);
  });

  it('takes the first matching rule by position', () => {
    const rules = [rule('late', 2, {}), rule('wita', 1, { zones: ['Asia/Makassar'] }), rule('wib', 0, { zones: ['Asia/Jakarta'] })];
    expect(matchRule(rules, facts)?.id).toBe('wita');
    expect(matchRule(rules, { ...facts, zone: 'Asia/Jayapura' })?.id).toBe('late');
    expect(matchRule([rule('wib', 0, { zones: ['Asia/Jakarta'] })], facts)).toBeNull();
  });

  it('picks the least-loaded agent, ties by id', () => {
    expect(pickLeastLoaded(new Map())).toBeNull();
    expect(pickLeastLoaded(new Map([['b', 1], ['a', 1], ['c', 0]]))).toBe('c');
    expect(pickLeastLoaded(new Map([['b', 2], ['a', 2]]))).toBe('a');
  });

  it('spreads a batch evenly: loads never differ by more than one after assigning (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 200 }), (agents, accounts) => {
        const loads = new Map(Array.from({ length: agents }, (_, i) => [`u${i}`, 0] as [string, number]));
        for (let i = 0; i < accounts; i++) {
          const u = pickLeastLoaded(loads)!;
          loads.set(u, loads.get(u)! + 1);
        }
        const values = [...loads.values()];
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
