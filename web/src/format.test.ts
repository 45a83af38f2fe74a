import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKETS } from '../../src/domain/buckets.ts';
import { kolFor } from '../../src/domain/kol.ts';
import { bucketSeverity, dpdSeverity, formatDate, formatIdr, formatInstant, kolSeverity, provinceName, SEVERITIES, zoneLabel } from './format.ts';

describe('formatIdr', () => {
  it('writes whole rupiah with dot grouping and no decimals', () => {
    expect(formatIdr('1250000')).toBe('Rp1.250.000');
    expect(formatIdr('750000')).toBe('Rp750.000');
    expect(formatIdr('0')).toBe('Rp0');
    expect(formatIdr('-2500')).toBe('-Rp2.500');
    expect(formatIdr('15000000000000')).toBe('Rp15.000.000.000.000');
  });

  it('shows a dash for missing or non-integer amounts instead of guessing', () => {
    expect(formatIdr(null)).toBe('—');
    expect(formatIdr(undefined)).toBe('—');
    expect(formatIdr('12.5')).toBe('—');
    expect(formatIdr('')).toBe('—');
  });

  it('keeps every digit of amounts beyond float precision', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (n) => {
        const text = formatIdr(n.toString());
        expect(text).toMatch(/^Rp\d{1,3}(\.\d{3})*$/);
        expect(BigInt(text.slice(2).replaceAll('.', ''))).toBe(n);
      }),
    );
  });
});

describe('severity', () => {
  it('never gets milder as DPD grows', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.nat(2000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(SEVERITIES.indexOf(dpdSeverity(lo))).toBeLessThanOrEqual(SEVERITIES.indexOf(dpdSeverity(hi)));
      }),
    );
  });

  it('colours each default bucket like the first DPD in it', () => {
    for (const b of DEFAULT_BUCKETS) expect(bucketSeverity(b.code)).toBe(dpdSeverity(b.minDays));
    expect(bucketSeverity('180+')).toBe('critical');
    expect(bucketSeverity('current')).toBe('ok');
  });

  it('colours Kol 1 and Kol 5 like DPD 0 and DPD beyond 180', () => {
    fc.assert(
      fc.property(fc.nat(3000), (dpd) => {
        const kol = kolFor(dpd);
        if (kol === 1 || kol === 5) expect(kolSeverity(kol)).toBe(dpdSeverity(dpd));
      }),
    );
    expect([1, 2, 3, 4, 5].map(kolSeverity)).toEqual(['ok', 'low', 'medium', 'high', 'critical']);
  });
});

describe('zones, provinces and dates', () => {
  it('names Indonesia’s zones the way staff do and leaves others alone', () => {
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
    expect(zoneLabel('Asia/Makassar')).toBe('WITA');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
    expect(zoneLabel('Europe/London')).toBe('Europe/London');
  });

  it('names provinces by their NIK code', () => {
    expect(provinceName('73')).toBe('Sulawesi Selatan');
    expect(provinceName('99')).toBe('99');
    expect(provinceName(null)).toBe('—');
  });

  it('shows an instant in the debtor’s zone, so 08:00 WITA is not shown as 07:00', () => {
    expect(formatInstant('2026-11-23T00:00:00Z', 'id', 'Asia/Makassar')).toMatch(/23 Nov 2026.*08[.:]00 WITA$/);
    expect(formatInstant('2026-11-23T00:00:00Z', 'en', 'Asia/Jayapura')).toMatch(/23 Nov 2026.*09:00 WIT$/);
  });

  it('shows a business date without shifting the day', () => {
    expect(formatDate('2026-10-20', 'id')).toBe('20 Okt 2026');
    expect(formatDate('2026-10-20', 'en')).toBe('20 Oct 2026');
    expect(formatDate(null, 'id')).toBe('—');
  });
});
