import { describe, expect, it } from 'vitest';
import { nextRunAt } from './scheduler.ts';

describe('daily schedule', () => {
  it('finds the next local run time in the configured zone', () => {
    // 01:00 WIB → 02:00 WIB the same day (19:00Z).
    expect(nextRunAt(new Date('2026-03-19T18:00:00Z'), '02:00', 'Asia/Jakarta').toISOString()).toBe('2026-03-19T19:00:00.000Z');
    // 03:00 WIB → 02:00 WIB the next day.
    expect(nextRunAt(new Date('2026-03-19T20:00:00Z'), '02:00', 'Asia/Jakarta').toISOString()).toBe('2026-03-20T19:00:00.000Z');
    // Exactly on time runs now.
    expect(nextRunAt(new Date('2026-03-19T19:00:00Z'), '02:00', 'Asia/Jakarta').toISOString()).toBe('2026-03-19T19:00:00.000Z');
    expect(nextRunAt(new Date('2026-03-19T18:00:00Z'), '06:00', 'Asia/Jayapura').toISOString()).toBe('2026-03-19T21:00:00.000Z');
  });
});
