import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../contact-policy/channels.ts';
import { lintMessage } from './lint.ts';
import { normalizeForLint } from './normalize.ts';
import { validateTemplate } from './validate-template.ts';

/** Adds the required elements so only lexicon findings remain. */
const wrap = (body: string): string => `${body} — {{creditor_name}}. Balas BERHENTI untuk berhenti.`;
const findings = (body: string) =>
  lintMessage(wrap(body), { channel: 'sms', language: 'id' }).violations.map((v) => `${v.rule}:${v.match}`);

describe('lintMessage — forbidden language', () => {
  it.each([
    ['Bayar hari ini atau kami lapor polisi', 'threat_criminal:lapor polisi'],
    ['Anda bisa dipenjara', 'threat_criminal:dipenjara'],
    ['Kami akan memenjarakan Anda', 'threat_criminal:memenjarakan'],
    ['Kasus ini masuk proses hukum pidana', 'threat_criminal:proses hukum pidana'],
    ['Pihak kepolisian sudah kami hubungi', 'threat_criminal:kepolisian'],
    ['Anda akan ditangkap', 'threat_criminal:ditangkap'],
    ['Kamu akan di p e n j a r a', 'threat_criminal:p e n j a r a'],
    ['P0L1S1 sudah menunggu', 'threat_criminal:P0L1S1'],
    ['p.e.n.j.a.r.a menanti', 'threat_criminal:p.e.n.j.a.r.a'],
    ['Kami tidak mengancam, tapi...', 'threat_violence:mengancam'],
    ['Ini ancaman terakhir', 'threat_violence:ancaman'],
    ['Kami bunuh kamu', 'threat_violence:bunuh'],
    ['Tim kami akan menghajar', 'threat_violence:menghajar'],
    ['Kami akan datangi rumah Anda', 'threat_violence:datangi rumah'],
    ['Awas kamu ya', 'threat_violence:Awas kamu'],
    ['Dasar bodoh', 'insult:bodoh'],
    ['Dasar g0bl0k', 'insult:g0bl0k'],
    ['Kamu tolol sekali', 'insult:tolol'],
    ['anjiiiing', 'insult:anjiiiing'],
    ['b@ngsat', 'insult:b@ngsat'],
    ['b*ngsat', 'insult:b*ngsat'],
    ['Orang miskin tidak tahu diri', 'insult:miskin'],
    ['Apa kamu tidak malu?', 'shaming:malu'],
    ['Sungguh memalukan', 'shaming:memalukan'],
    ['Anda akan kami permalukan', 'shaming:permalukan'],
    ['Data anda akan kami sebarkan', 'shaming:sebarkan'],
    ['Foto Anda akan viral', 'shaming:viral'],
    ['Kontak darurat akan dihubungi hari ini', 'third_party_disclosure:Kontak darurat akan dihubungi'],
    ['Kami akan menghubungi kantor Anda', 'third_party_disclosure:kantor Anda'],
    ['Tetangga anda akan tahu', 'third_party_disclosure:Tetangga'],
    ['Atasan Anda akan kami kabari', 'third_party_disclosure:Atasan'],
    ['We will call the police', 'threat_criminal:police'],
    ['You could go to jail', 'threat_criminal:jail'],
    ['Pay up, you deadbeat', 'insult:deadbeat'],
    ['We will tell your employer', 'third_party_disclosure:your employer'],
    ['You should be ashamed', 'shaming:ashamed'],
    ['We know where you live', 'threat_violence:We know where you live'],
  ])('flags %j', (body, expected) => {
    expect(findings(body)).toContain(expected);
  });

  it('reports every finding, in text order, quoting the original', () => {
    expect(findings('Dasar BODOH, kami lapor polisi dan sebar data ke tetangga!')).toEqual([
      'insult:BODOH',
      'threat_criminal:lapor polisi',
      'shaming:sebar data',
      'third_party_disclosure:tetangga',
    ]);
  });

  it.each([
    'Kami memahami situasi Anda',
    'Tagihan Anda sebesar Rp1.250.000 jatuh tempo Jumat, 20 Maret 2026',
    'Silakan bayar sebelum pukul 20.00 WIB melalui VA 8808123456789012',
    'Kirim tangkapan layar bukti transfer ke nomor ini',
    'Laporkan pembayaran Anda melalui aplikasi',
    'Jika mengalami kecelakaan atau musibah, ajukan keringanan',
    'Kantor kami tutup selama cuti bersama',
    'Kami mengumumkan jadwal layanan selama Lebaran',
    'Terima kasih atas pembayaran Anda',
    'Hubungi kami di jam kerja, Senin–Sabtu 08.00–20.00',
    'Tanaman putri semalu dan buih sabun',
    'Pantai Kuta indah',
    'Anda dapat mengajukan restrukturisasi atau keringanan',
    'Informasi ini bersifat rahasia dan hanya untuk Anda',
    'Polish your payment plan before Friday',
    'We understand your situation and can offer a payment plan',
    'Please contact us to discuss options',
    'Your payment of Rp1.250.000 is due on Friday',
  ])('does not flag %j', (body) => {
    expect(findings(body)).toEqual([]);
  });
});

describe('lintMessage — required elements', () => {
  it('requires the creditor identity, accepting the placeholder or the rendered name', () => {
    const text = 'Tagihan Anda jatuh tempo. Balas BERHENTI untuk berhenti.';
    expect(lintMessage(text, { channel: 'sms', language: 'id' }).violations.map((v) => v.rule)).toEqual(['missing_creditor_identity']);
    expect(lintMessage(`${text} {{ creditor_name }}`, { channel: 'sms', language: 'id' }).ok).toBe(true);
    expect(lintMessage(`${text} PT Dana Maju`, { channel: 'sms', language: 'id', creditorName: 'PT Dana Maju' }).ok).toBe(true);
    expect(lintMessage(`${text} PT Lain`, { channel: 'sms', language: 'id', creditorName: 'PT Dana Maju' }).ok).toBe(false);
  });

  it('requires an opt-out line on sms, whatsapp and email only', () => {
    const text = 'Tagihan dari {{creditor_name}} jatuh tempo besok.';
    for (const channel of CHANNELS) {
      const rules = lintMessage(text, { channel, language: 'id' }).violations.map((v) => v.rule);
      expect(rules).toEqual(channel === 'voice' || channel === 'field' ? [] : ['missing_opt_out']);
    }
    expect(lintMessage(`${text} Reply STOP to opt out.`, { channel: 'email', language: 'en' }).ok).toBe(true);
    expect(lintMessage(`${text} ketik berhenti`, { channel: 'whatsapp', language: 'id' }).ok).toBe(true);
    expect(lintMessage(`${text} stopwatch`, { channel: 'whatsapp', language: 'id' }).ok).toBe(false);
  });
});

describe('normalizeForLint', () => {
  it('keeps numbers as numbers and maps back to the original', () => {
    const n = normalizeForLint('Rp 1.250.000 p0lisi');
    expect(n.text).toBe('rp 1.250.000 polisi');
    expect(n.sources).toHaveLength(n.text.length);
  });

  it('never throws and always maps each character to a valid source index (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const n = normalizeForLint(s);
        expect(n.sources).toHaveLength(n.text.length);
        for (let i = 0; i < n.sources.length; i++) {
          expect(n.sources[i]).toBeGreaterThanOrEqual(0);
          expect(n.sources[i]).toBeLessThan(s.length);
          if (i > 0) expect(n.sources[i]).toBeGreaterThanOrEqual(n.sources[i - 1]!);
        }
      }),
    );
  });

  it('catches a forbidden word however it is padded with safe text (property)', () => {
    const safe = fc.constantFrom('Halo', 'Bapak', 'tagihan', 'Anda', 'hari ini', 'mohon', 'segera', '.', ',');
    fc.assert(
      fc.property(fc.array(safe, { maxLength: 5 }), fc.constantFrom('penjara', 'goblok', 'tetangga', 'viral'), fc.array(safe, { maxLength: 5 }), (pre, word, post) => {
        const text = [...pre, word, ...post].join(' ');
        expect(lintMessage(text, { channel: 'voice', language: 'id' }).violations.some((v) => v.match.toLowerCase() === word)).toBe(true);
      }),
    );
  });
});

describe('validateTemplate', () => {
  it('combines syntax and compliance problems', () => {
    const r = validateTemplate('Halo {{nama}}, bayar atau masuk penjara', { channel: 'sms', language: 'id' });
    expect(r.ok).toBe(false);
    expect(r.syntax).toEqual([{ placeholder: '{{nama}}', message: "unknown variable 'nama'" }]);
    expect(r.violations.map((v) => v.rule)).toEqual(['threat_criminal', 'missing_creditor_identity', 'missing_opt_out']);
  });

  it('accepts a compliant reminder', () => {
    const text =
      'Yth. {{name}}, tagihan {{amount}} dari {{creditor_name}} jatuh tempo {{due_date}}. Bayar via VA {{va_number}} atau {{payment_link}}. Balas BERHENTI untuk tidak menerima SMS ini.';
    expect(validateTemplate(text, { channel: 'sms', language: 'id' })).toEqual({ ok: true, syntax: [], violations: [] });
  });
});
