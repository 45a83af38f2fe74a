import { describe, expect, it } from 'vitest';
import { validatePolicy } from './policy-schema.ts';
import { ID_OJK_POLICY, US_REG_F_POLICY } from './presets.ts';

const fields = (input: unknown): string[] => {
  const r = validatePolicy(input);
  return r.ok ? [] : r.issues.map((i) => `${i.field}: ${i.message}`);
};

describe('validatePolicy', () => {
  it('accepts both presets, including after a JSON round trip', () => {
    for (const p of [ID_OJK_POLICY, US_REG_F_POLICY]) {
      const r = validatePolicy(JSON.parse(JSON.stringify(p)));
      expect(r).toEqual({ ok: true, policy: p });
    }
  });

  it('refuses a window that ends before it starts, naming the field', () => {
    const bad = { ...ID_OJK_POLICY, windows: { ...ID_OJK_POLICY.windows, voice: { start: '20:00', end: '08:00' } } };
    expect(fields(bad)).toEqual(['windows.voice.end: window end must be after start']);
  });

  it('refuses malformed clocks but accepts 24:00 as an end', () => {
    const bad = { ...ID_OJK_POLICY, windows: { ...ID_OJK_POLICY.windows, sms: { start: '8:00', end: '25:00' } } };
    expect(fields(bad)).toEqual([
      'windows.sms.start: must be HH:mm between 00:00 and 24:00',
      'windows.sms.end: must be HH:mm between 00:00 and 24:00',
    ]);
    const ok = { ...ID_OJK_POLICY, windows: { ...ID_OJK_POLICY.windows, sms: { start: '00:00', end: '24:00' } } };
    expect(validatePolicy(ok).ok).toBe(true);
  });

  it('refuses negative and fractional caps', () => {
    const bad = { ...ID_OJK_POLICY, caps: { ...ID_OJK_POLICY.caps, totalPerDay: -1, perChannelPerDay: { sms: 1.5 } } };
    expect(fields(bad)).toEqual(['caps.perChannelPerDay.sms: must be a whole number', 'caps.totalPerDay: must not be negative']);
  });

  it('refuses unknown channels, weekdays and keys', () => {
    expect(fields({ ...ID_OJK_POLICY, windows: { ...ID_OJK_POLICY.windows, fax: null } })).toEqual(['windows.fax: unknown key']);
    expect(fields({ ...ID_OJK_POLICY, caps: { ...ID_OJK_POLICY.caps, perChannelPerDay: { pigeon: 1 } } })).toHaveLength(1);
    expect(fields({ ...ID_OJK_POLICY, allowedWeekdays: ['mon', 'funday'] })[0]).toMatch(/^allowedWeekdays\.1: /);
    expect(fields({ ...ID_OJK_POLICY, allowedWeekdays: ['mon', 'mon'] })).toEqual(['allowedWeekdays: weekdays must not repeat']);
    expect(fields({ ...ID_OJK_POLICY, totalPerDays: 3 })).toEqual(['totalPerDays: unknown key']);
    expect(fields({ ...ID_OJK_POLICY, channelsRequiringConsent: ['telegram'] })[0]).toMatch(/^channelsRequiringConsent\.0: /);
  });

  it('requires every channel to have a window or null', () => {
    const { voice: _voice, ...windows } = ID_OJK_POLICY.windows;
    expect(fields({ ...ID_OJK_POLICY, windows })[0]).toMatch(/^windows\.voice: /);
  });

  it('refuses a non-object', () => {
    expect(fields(null)).toHaveLength(1);
  });
});
