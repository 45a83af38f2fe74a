import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_POLICY } from './case-policy.ts';
import { disputeReference, isSlaBreached, slaDueAt } from './dispute-rules.ts';

describe('dispute rules', () => {
  it('formats references with kind prefix, year and six digits', () => {
    expect(disputeReference('dispute', 2026, 123n)).toBe('DSP-2026-000123');
    expect(disputeReference('complaint', 2027, 1_234_567n)).toBe('CMP-2027-1234567');
    expect(() => disputeReference('dispute', 2026, 0n)).toThrow(RangeError);
  });

  it('puts the SLA due instant the configured days after opening and detects a breach', () => {
    const opened = new Date('2026-11-30T03:00:00Z');
    const due = slaDueAt('dispute', opened, { ...DEFAULT_CASE_POLICY, disputeSlaDays: 5 });
    expect(due.toISOString()).toBe('2026-12-05T03:00:00.000Z');
    expect(slaDueAt('complaint', opened, { ...DEFAULT_CASE_POLICY, complaintSlaDays: 10 }).toISOString()).toBe('2026-12-10T03:00:00.000Z');
    expect(isSlaBreached(due, new Date('2026-12-05T03:00:00Z'))).toBe(false);
    expect(isSlaBreached(due, new Date('2026-12-05T03:00:01Z'))).toBe(true);
  });
});
