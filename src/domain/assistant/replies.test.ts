import { describe, expect, it } from 'vitest';
import { lintMessage } from '../templates/index.ts';
import { REPLY_CATALOG, REPLY_KEYS, isPublicReply } from './reply-catalog.ts';
import { renderReply, stripFooter } from './render-reply.ts';
import { SAMPLE_REPLY_VALUES } from './sample-reply-values.ts';

const SAMPLE = SAMPLE_REPLY_VALUES;

describe('assistant reply catalogue', () => {
  it.each(REPLY_KEYS)('%s passes the full compliance lint on WhatsApp once rendered', (key) => {
    const text = renderReply({ key, values: SAMPLE }, 'Bank Maju');
    const result = lintMessage(text, { channel: 'whatsapp', language: 'id', creditorName: 'Bank Maju' });
    expect(result.violations).toEqual([]);
  });

  it('public replies carry no placeholder for a name, amount, date, account or reference', () => {
    const personal = /\{\{(name|amount|due_date|promise_date|va_number|account_no|reference|sla_date|min_amount|max_date)\}\}/;
    for (const key of REPLY_KEYS.filter(isPublicReply)) expect(REPLY_CATALOG[key].text, key).not.toMatch(personal);
  });

  it('refuses to render a reply without a value it needs instead of sending braces', () => {
    expect(() => renderReply({ key: 'balance', values: { accountNo: 'KTA-1' } }, 'Bank Maju')).toThrow(/amount/);
  });

  it('formats money and dates the Indonesian way and strips the footer for transcripts', () => {
    const text = renderReply({ key: 'due_date', values: SAMPLE }, 'Bank Maju');
    expect(text).toContain('Rp1.250.000');
    expect(text).toContain('Desember 2026');
    expect(stripFooter(text)).not.toContain('BERHENTI');
    expect(text).toContain('Ketik BERHENTI');
  });

  it('speaks with empathy about hardship', () => {
    expect(REPLY_CATALOG.restructure_ask_reason.text).toMatch(/^Saya mengerti ini situasi yang sulit/);
  });
});
