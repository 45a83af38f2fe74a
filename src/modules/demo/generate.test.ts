import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKET_CODES } from '../../domain/buckets.ts';
import { localDateOf } from '../../domain/dates.ts';
import { delinquencyOf } from '../../domain/dpd.ts';
import type { Rupiah } from '../../domain/money.ts';
import { validateNik } from '../../domain/nik.ts';
import { normalizeIndonesianPhone } from '../../domain/phone.ts';
import { PROVINCES } from '../../domain/provinces.ts';
import { isNationalHoliday, isoWeekday } from './calendar.ts';
import { generateDemoPortfolio, ZONE_LABELS, type DemoAccount } from './generate.ts';
import { unpaidOf } from './loans.ts';

const NOW = new Date('2026-11-23T03:00:00Z');
const portfolio = generateDemoPortfolio({ seed: 1, accounts: 300, now: NOW });
const accounts = portfolio.debtors.flatMap((d) => d.accounts.map((a) => ({ d, a })));

const installmentsOf = (a: DemoAccount) =>
  a.schedule.map((i) => ({
    seq: i.seq,
    dueDate: i.dueDate,
    amountDue: (i.principalDue + i.interestDue + i.feeDue + i.penaltyDue) as Rupiah,
    amountPaid: (i.principalPaid + i.interestPaid + i.feePaid + i.penaltyPaid) as Rupiah,
  }));

function localParts(at: Date, zone: string): { date: string; hour: number } {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at));
  return { date: localDateOf(at, zone), hour };
}

describe('generateDemoPortfolio', () => {
  it('is deterministic by seed and changes with the seed', () => {
    const fingerprint = (p: typeof portfolio) => p.debtors.flatMap((d) => d.accounts.map((a) => `${a.accountNo}|${d.fullName}|${a.principal}|${a.outstanding}|${a.dpd}`));
    const again = generateDemoPortfolio({ seed: 1, accounts: 300, now: NOW });
    expect(fingerprint(again)).toEqual(fingerprint(portfolio));
    expect(JSON.stringify(again.debtors[17], (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).toBe(
      JSON.stringify(portfolio.debtors[17], (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    );
    const other = generateDemoPortfolio({ seed: 2, accounts: 300, now: NOW });
    expect(fingerprint(other)).not.toEqual(fingerprint(portfolio));
  });

  it('produces exactly the requested number of accounts, with unique account and VA numbers', () => {
    expect(accounts).toHaveLength(300);
    expect(new Set(accounts.map(({ a }) => a.accountNo)).size).toBe(300);
    expect(new Set(accounts.map(({ a }) => a.vaNumber)).size).toBe(300);
    expect(portfolio.debtors.length).toBeLessThan(300);
    expect(new Set(portfolio.debtors.map((d) => d.debtorRef)).size).toBe(portfolio.debtors.length);
    expect(generateDemoPortfolio({ seed: 1, accounts: 0, now: NOW }).debtors).toEqual([]);
  });

  it('covers every bucket and all three time zones, in roughly the target mix', () => {
    const byBucket = new Map<string, number>();
    for (const { a } of accounts) byBucket.set(a.bucket, (byBucket.get(a.bucket) ?? 0) + 1);
    for (const code of DEFAULT_BUCKET_CODES) expect(byBucket.get(code) ?? 0, code).toBeGreaterThan(0);
    const current = (byBucket.get('current') ?? 0) / 300;
    expect(current).toBeGreaterThan(0.25);
    expect(current).toBeLessThan(0.45);
    expect(new Set(portfolio.debtors.map((d) => ZONE_LABELS[d.timezone]))).toEqual(new Set(['WIB', 'WITA', 'WIT']));
    expect(accounts.some(({ a }) => a.status === 'paid_off')).toBe(true);
  });

  it('gives every debtor a NIK that validates and matches the birth date, sex and province', () => {
    for (const d of portfolio.debtors) {
      const r = validateNik(d.nik, { asOf: '2026-11-23' });
      expect(r.ok, d.nik).toBe(true);
      if (r.ok) {
        expect(r.value.birthDate).toBe(d.birthDate);
        expect(r.value.sex).toBe(d.sex);
        expect(r.value.provinceCode).toBe(d.provinceCode);
      }
      expect(PROVINCES.find((p) => p.code === d.provinceCode)?.zone).toBe(d.timezone);
    }
  });

  it('stores phones in E.164 that normalise to themselves, and only emergency contacts are marked as such', () => {
    const phones = portfolio.debtors.flatMap((d) => d.contacts.filter((c) => c.type === 'phone'));
    for (const p of phones) {
      const r = normalizeIndonesianPhone(p.value);
      expect(r.ok && r.value.e164 === p.value && r.value.kind === 'mobile', p.value).toBe(true);
    }
    for (const d of portfolio.debtors) expect(d.contacts.filter((c) => c.isPrimary && c.type === 'phone')).toHaveLength(1);
    const emergency = phones.filter((p) => p.emergency !== null);
    expect(emergency.length).toBeGreaterThan(0);
    expect(emergency.every((e) => !e.isPrimary)).toBe(true);
  });

  it('keeps outstanding equal to the unpaid schedule and DPD/bucket/Kol equal to delinquencyOf', () => {
    for (const { a } of accounts) {
      expect(a.outstanding).toBe(a.schedule.reduce((s, i) => s + unpaidOf(i), 0n));
      const del = delinquencyOf(installmentsOf(a), a.asOf);
      expect({ dpd: a.dpd, bucket: a.bucket, kol: a.kol, oldest: a.oldestUnpaidDueDate }).toEqual({
        dpd: del.dpd,
        bucket: del.bucket.code,
        kol: del.kol,
        oldest: del.oldestUnpaidDueDate,
      });
      if (a.status === 'paid_off') expect(a.outstanding).toBe(0n);
      expect(a.case === null).toBe(a.dpd === 0);
    }
  });

  it('books payments whose allocations add up to the amount and to the schedule paid columns', () => {
    for (const { a } of accounts) {
      const paid = new Map<string, bigint>();
      for (const p of a.payments) {
        expect(p.allocations.reduce((s, x) => s + x.amount, 0n)).toBe(p.amount);
        expect(p.paidAt.getTime()).toBeLessThan(NOW.getTime());
        for (const x of p.allocations) paid.set(`${x.seq}:${x.component}`, (paid.get(`${x.seq}:${x.component}`) ?? 0n) + x.amount);
      }
      for (const i of a.schedule) {
        expect(i.principalPaid).toBe(paid.get(`${i.seq}:principal`) ?? 0n);
        expect(i.interestPaid).toBe(paid.get(`${i.seq}:interest`) ?? 0n);
        expect(i.penaltyPaid).toBe(paid.get(`${i.seq}:penalty`) ?? 0n);
        expect(i.principalPaid <= i.principalDue && i.interestPaid <= i.interestDue).toBe(true);
      }
    }
    // Some late accounts carry a partial payment: money paid, oldest instalment still open.
    expect(accounts.some(({ a }) => a.dpd > 0 && a.schedule.some((i) => i.seq >= 1 && unpaidOf(i) > 0n && i.principalPaid + i.interestPaid + i.penaltyPaid > 0n))).toBe(true);
  });

  it('contacts only at 08:00–20:00 local, Monday to Saturday, outside national holidays, and never by an opted-out channel', () => {
    let n = 0;
    for (const { d, a } of accounts) {
      const primary = d.contacts.find((c) => c.isPrimary && c.type === 'phone')!;
      const optedOut = new Set(primary.preferences.filter((p) => p.consent === 'opted_out').map((p) => p.channel));
      for (const i of a.interactions) {
        n++;
        const { date, hour } = localParts(i.occurredAt, d.timezone);
        expect(hour, i.occurredAt.toISOString()).toBeGreaterThanOrEqual(8);
        expect(hour).toBeLessThan(20);
        expect(isoWeekday(date)).not.toBe(7);
        expect(isNationalHoliday(date)).toBe(false);
        expect(i.occurredAt.getTime()).toBeLessThan(NOW.getTime());
        expect(NOW.getTime() - i.occurredAt.getTime()).toBeLessThanOrEqual(61 * 86_400_000);
        if (i.channel === 'sms' || i.channel === 'whatsapp') expect(optedOut.has(i.channel)).toBe(false);
        expect(i.notes).not.toMatch(/ancam|polisi|penjara|sita paksa|malu/i);
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it('holds its invariants for any seed and instant (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }), (seed, now) => {
        const p = generateDemoPortfolio({ seed, accounts: 25, now });
        for (const d of p.debtors) {
          expect(validateNik(d.nik).ok).toBe(true);
          for (const a of d.accounts) {
            expect(a.outstanding).toBe(a.schedule.reduce((s, i) => s + unpaidOf(i), 0n));
            expect(delinquencyOf(installmentsOf(a), a.asOf).dpd).toBe(a.dpd);
            for (const i of a.interactions) {
              const { date, hour } = localParts(i.occurredAt, d.timezone);
              expect(hour >= 8 && hour < 20 && isoWeekday(date) !== 7).toBe(true);
            }
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
