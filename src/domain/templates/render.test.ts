import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { rupiah } from '../money.ts';
import { formatDueDate } from './format-date.ts';
import { parseTemplate } from './placeholders.ts';
import { renderTemplate } from './render.ts';

const values = {
  name: 'Budi Santoso',
  amount: rupiah(1_250_000),
  dueDate: '2026-03-20',
  paymentLink: 'https://pay.example.id/abc',
  vaNumber: '8808123456789012',
  creditorName: 'PT Dana Maju',
};

describe('parseTemplate', () => {
  it('lists the known variables once, tolerating inner spaces', () => {
    expect(parseTemplate('Halo {{name}}, {{ amount }} / {{name}}')).toEqual({ ok: true, variables: ['name', 'amount'] });
    expect(parseTemplate('Tanpa variabel')).toEqual({ ok: true, variables: [] });
  });

  it('refuses unknown variables, naming them', () => {
    expect(parseTemplate('Halo {{nama}} {{amount}} {{Name}}')).toEqual({
      ok: false,
      issues: [
        { placeholder: '{{nama}}', message: "unknown variable 'nama'" },
        { placeholder: '{{Name}}', message: "unknown variable 'Name'" },
      ],
    });
  });

  it('refuses stray braces', () => {
    expect(parseTemplate('Halo {{name}').ok).toBe(false);
    expect(parseTemplate('Halo name}}').ok).toBe(false);
    expect(parseTemplate('Halo {{}}').ok).toBe(false);
  });
});

describe('renderTemplate', () => {
  it('renders Indonesian with Rupiah and an Indonesian due date', () => {
    const r = renderTemplate('Yth. {{name}}, tagihan {{amount}} jatuh tempo {{due_date}}. VA {{va_number}} – {{creditor_name}}', values, 'id');
    expect(r).toEqual({
      ok: true,
      value: 'Yth. Budi Santoso, tagihan Rp1.250.000 jatuh tempo Jumat, 20 Maret 2026. VA 8808123456789012 – PT Dana Maju',
    });
  });

  it('renders English dates', () => {
    expect(renderTemplate('Due {{due_date}}: {{amount}} {{payment_link}}', values, 'en')).toEqual({
      ok: true,
      value: 'Due Friday, 20 March 2026: Rp1.250.000 https://pay.example.id/abc',
    });
  });

  it('fails on a missing value instead of sending a blank', () => {
    expect(renderTemplate('Halo {{name}} {{va_number}}', { name: 'Budi' }, 'id')).toEqual({ ok: false, message: 'no value for {{va_number}}' });
    expect(renderTemplate('Halo {{name}}', { name: '' }, 'id').ok).toBe(false);
  });

  it('fails on an invalid due date or unknown variable', () => {
    expect(renderTemplate('{{due_date}}', { dueDate: '2026-02-30' }, 'id').ok).toBe(false);
    expect(renderTemplate('{{nama}}', values, 'id')).toEqual({ ok: false, message: "unknown variable 'nama'" });
  });

  it('does not re-expand placeholders inside values', () => {
    expect(renderTemplate('{{name}}', { name: '{{amount}}' }, 'id')).toEqual({ ok: true, value: '{{amount}}' });
  });
});

describe('formatDueDate', () => {
  it('formats known dates', () => {
    expect(formatDueDate('2026-03-20', 'id')).toBe('Jumat, 20 Maret 2026');
    expect(formatDueDate('2026-08-17', 'id')).toBe('Senin, 17 Agustus 2026');
    expect(formatDueDate('2026-11-22', 'id')).toBe('Minggu, 22 November 2026');
    expect(formatDueDate('2028-02-29', 'en')).toBe('Tuesday, 29 February 2028');
  });

  it('refuses non-dates', () => {
    for (const bad of ['2026-13-01', '2027-02-29', '20-03-2026', '2026-3-20', '']) expect(formatDueDate(bad, 'id')).toBeNull();
  });

  it('agrees with ICU (Luxon) for every day of 2026 in both languages', () => {
    const icuHasIndonesian = DateTime.fromISO('2026-03-20').setLocale('id').toFormat('cccc') === 'Jumat';
    for (let d = DateTime.fromISO('2026-01-01'); d.year === 2026; d = d.plus({ days: 1 })) {
      const iso = d.toISODate() ?? '';
      expect(formatDueDate(iso, 'en')).toBe(d.setLocale('en').toFormat('cccc, d LLLL yyyy'));
      if (icuHasIndonesian) expect(formatDueDate(iso, 'id')).toBe(d.setLocale('id').toFormat('cccc, d LLLL yyyy'));
    }
  });
});
