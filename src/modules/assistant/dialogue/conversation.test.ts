import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { testDeps } from '../../../../test/support/app.ts';
import type { AppDeps } from '../../../app-deps.ts';
import type { Db } from '../../../db/connection.ts';
import { lintMessage } from '../../../domain/templates/index.ts';
import { AppError } from '../../../lib/app-error.ts';
import { directCasesPort } from './cases-port.ts';
import { handleInbound, type TurnOutcome } from './conversation-turn.ts';
import { createAssistantRuntime, type AssistantRuntime } from './runtime.ts';
import { BUDI, seedFixturePortfolio, YOHANES } from './test-support.ts';

describe.each(testDatabases)('assistant conversations on $name', (target) => {
  let db: Db;
  let deps: AppDeps;
  let rt: AssistantRuntime;
  let clock = new Date('2026-11-23T03:00:00Z'); // Monday 10:00 in Jakarta

  beforeAll(async () => {
    db = await target.open();
    deps = testDeps(db, { now: () => clock });
    rt = createAssistantRuntime(deps);
    await seedFixturePortfolio(deps);
  });
  afterAll(async () => {
    await db.close();
  });

  let seq = 0;
  /** One WhatsApp turn from a number; returns the reply texts joined. */
  async function wa(phone: string, text: string): Promise<{ text: string; outcome: TurnOutcome }> {
    clock = new Date(clock.getTime() + 1000);
    const outcome = await handleInbound(rt, { channel: 'whatsapp', userKey: deps.cipher.blindIndex(phone), addressEnc: deps.cipher.encrypt(phone), text, externalId: `wamid.${++seq}` });
    for (const r of outcome.replies) expect(lintMessage(r.text, { channel: 'whatsapp', language: 'id', creditorName: r.text.includes('BANKMAJU') ? 'BANKMAJU' : 'Tagih' }).violations).toEqual([]);
    return { text: outcome.replies.map((r) => r.text).join('\n'), outcome };
  }
  async function web(token: string, text: string): Promise<string> {
    clock = new Date(clock.getTime() + 1000);
    const outcome = await handleInbound(rt, { channel: 'web', userKey: `web:${token}`, text });
    return outcome.replies.map((r) => r.text).join('\n');
  }
  const budiId = async () => (await db.kysely.selectFrom('accounts').select('debtor_id').where('account_no', '=', BUDI.accountNo).executeTakeFirstOrThrow()).debtor_id;

  it('greets, verifies, answers balance, due date and payment methods', async () => {
    expect((await wa(BUDI.phone, 'halo kak')).text).toMatch(/asisten virtual/);
    const ask = await wa(BUDI.phone, 'brp tagihan sy');
    expect(ask.text).toMatch(/tanggal lahir/);
    expect(ask.text).not.toMatch(/Rp|Budi|KTA/);
    const ok = (await wa(BUDI.phone, BUDI.identity)).text;
    expect(ok).toMatch(/Budi Santoso, identitas Anda sudah terverifikasi/);
    expect(ok).toContain('Sisa tagihan kontrak KTA-0001 saat ini Rp1.250.000');
    expect((await wa(BUDI.phone, 'kapan jatuh tempo nya')).text).toMatch(/jatuh tempo pada Selasa, 20 Oktober 2026/);
    expect((await wa(BUDI.phone, 'bayarnya lewat mana ya')).text).toContain('Virtual Account 8808001234567890');
    // The identity answer is never stored in clear or in the timeline.
    const messages = await db.kysely.selectFrom('assistant_messages').select('body_enc').execute();
    expect(messages.map((m) => deps.cipher.decrypt(m.body_enc)).join('\n')).not.toContain('15-05-1990');
    const timeline = await db.kysely.selectFrom('interactions').select(['channel', 'direction', 'outcome', 'notes']).where('debtor_id', '=', await budiId()).where('channel', '=', 'whatsapp').execute();
    expect(timeline.map((i) => i.outcome)).toEqual(['info_balance', 'info_due_date', 'info_payment_methods']);
    expect(timeline.map((i) => i.notes).join('\n')).not.toContain('15-05-1990');
  });

  it('takes a promise to pay within policy and creates the PTP', async () => {
    expect((await wa(BUDI.phone, 'sy janji bayar tgl 20 desember 500rb')).text).toMatch(/paling lambat/);
    expect((await wa(BUDI.phone, 'besok aja')).text).toMatch(/janji bayar Rp500.000 pada Selasa, 24 November 2026 untuk kontrak KTA-0001/);
    expect((await wa(BUDI.phone, 'ya')).text).toMatch(/sudah tercatat/);
    const ptp = await db.kysely.selectFrom('promises_to_pay').selectAll().executeTakeFirstOrThrow();
    expect(ptp).toMatchObject({ amount_idr: 500_000n, promised_date: '2026-11-24', source: 'assistant', status: 'pending' });
    expect(ptp.interaction_id).not.toBeNull();
    expect((await wa(BUDI.phone, 'sy mau janji bayar lg')).text).toMatch(/sudah memiliki janji bayar/);
  });

  it('opens a dispute that holds collection, with reference and SLA', async () => {
    expect((await wa(BUDI.phone, 'saya mau sanggah tagihan ini, jumlahnya salah')).text).toMatch(/tidak sesuai/);
    const reply = (await wa(BUDI.phone, 'denda keterlambatan dihitung dua kali di bulan oktober')).text;
    const dispute = await db.kysely.selectFrom('disputes').selectAll().executeTakeFirstOrThrow();
    expect(dispute).toMatchObject({ kind: 'dispute', status: 'open', opened_via: 'assistant_whatsapp', description: 'denda keterlambatan dihitung dua kali di bulan oktober' });
    expect(reply).toContain(dispute.reference);
    expect(reply).toMatch(/penagihan untuk akun ini kami hentikan sementara/);
    expect(reply).toMatch(/paling lambat Senin, 7 Desember 2026/); // the cases policy: 14 days
    expect(dispute.reference).toMatch(/^DSP-2026-\d+$/);
    expect((await wa(BUDI.phone, 'saya mau komplain, pelayanan petugas kalian kurang sopan')).text).toMatch(/Keluhan Anda akan kami tindak lanjuti/);
    const complaintReply = (await wa(BUDI.phone, 'petugas menelepon saya berkali-kali dengan nada tinggi')).text;
    const complaint = await db.kysely.selectFrom('disputes').selectAll().where('kind', '=', 'complaint').executeTakeFirstOrThrow();
    expect(complaintReply).toContain(complaint.reference);
    expect(complaintReply).toMatch(/keluhan Anda sudah kami catat/);
  });

  it('collects restructuring, settlement and payment-trace requests for review', async () => {
    expect((await wa(BUDI.phone, 'sy lg susah bayar, bisa keringanan?')).text).toMatch(/Saya mengerti ini situasi yang sulit/);
    expect((await wa(BUDI.phone, 'saya kena PHK bulan lalu')).text).toMatch(/sanggup Anda bayar/);
    expect((await wa(BUDI.phone, '300 ribu per bulan')).text).toMatch(/KRG-[0-9A-F]{8}/);
    expect((await wa(BUDI.phone, 'kalau lunas sekaligus dapat diskon? sy sanggup 1 juta')).text).toMatch(/LNS-[0-9A-F]{8}/);
    expect((await wa(BUDI.phone, 'sy udh bayar kemarin')).text).toMatch(/detail pembayaran/);
    expect((await wa(BUDI.phone, 'transfer BCA 450rb tgl 22 nov ref 99812')).text).toMatch(/TRC-[0-9A-F]{8}/);
    const requests = await db.kysely.selectFrom('assistant_requests').select(['kind', 'amount_idr', 'reason', 'work_item_id']).orderBy('created_at').execute();
    expect(requests.map((r) => [r.kind, r.amount_idr])).toEqual([['restructuring', 300_000n], ['settlement', 1_000_000n], ['payment_trace', 450_000n]]);
    expect(requests[0]?.reason).toBe('saya kena PHK bulan lalu');
    const review = await db.kysely.selectFrom('work_items').select(['kind', 'queue']).where('kind', '=', 'review').execute();
    expect(review.map((w) => w.queue).sort()).toEqual(['payment_trace', 'relief_review', 'relief_review']);
  });

  it('hands over to a person: work item, status open, bot silent after', async () => {
    const reply = await wa(BUDI.phone, 'sy mau bicara dengan petugas');
    expect(reply.text).toMatch(/sambungkan Anda dengan petugas/);
    expect(reply.outcome.status).toBe('open');
    const item = await db.kysely.selectFrom('work_items').selectAll().where('kind', '=', 'handoff').executeTakeFirstOrThrow();
    expect(item.queue).toBe('assistant_handoff');
    const conv = await db.kysely.selectFrom('assistant_conversations').selectAll().where('id', '=', reply.outcome.conversationId).executeTakeFirstOrThrow();
    expect(conv).toMatchObject({ status: 'open', handoff_work_item_id: item.id });
    expect((await wa(BUDI.phone, 'halo? ada orang?')).outcome.replies).toEqual([]);
  });

  it('locks verification after three wrong answers across conversations, with audit and alert', async () => {
    const siti = '+6281298765432';
    await wa(siti, 'berapa tagihan saya');
    expect((await wa(siti, '01-01-1980 1111')).text).toMatch(/Sisa percobaan: 2/);
    expect((await wa(siti, '02-01-1980 1111')).text).toMatch(/Sisa percobaan: 1/);
    expect((await wa(siti, '03-01-1980 1111')).text).toMatch(/kami tutup sementara/);
    // The right answer no longer helps while locked.
    expect((await wa(siti, '05-06-1988 0002')).text).not.toMatch(/terverifikasi|Siti|Rp/);
    expect((await wa(siti, 'sisa tagihan brp')).text).toMatch(/kami tutup sementara/);
    const audit = await db.kysely.selectFrom('audit_log').select(['action', 'entity_type']).where('action', '=', 'assistant.identity_locked').execute();
    expect(audit).toHaveLength(1);
    expect(await db.kysely.selectFrom('work_items').select('id').where('queue', '=', 'assistant_security').execute()).toHaveLength(1);
    const all = await db.kysely.selectFrom('assistant_messages').select('body_enc').where('direction', '=', 'outbound').execute();
    expect(all.map((m) => deps.cipher.decrypt(m.body_enc)).filter((t) => t.includes('Siti'))).toEqual([]);
  });

  it('tells a third party nothing, offers a callback, and stops contacting a number that changed hands', async () => {
    const first = await wa(BUDI.phone, 'ini istrinya, suami saya sedang keluar kota');
    expect(first.outcome.replies).toEqual([]); // still with the agent from the handoff test
    await db.kysely.updateTable('assistant_conversations').set({ status: 'resolved' }).execute();
    const offer = (await wa(BUDI.phone, 'ini istrinya, suami saya sedang keluar kota')).text;
    expect(offer).toMatch(/hanya dapat berbicara langsung dengan orang yang bersangkutan/);
    expect(offer).not.toMatch(/Rp|Budi|KTA|tagihan/i);
    expect((await wa(BUDI.phone, '1')).text).toMatch(/permintaan telah kami catat/);
    expect(await db.kysely.selectFrom('work_items').select('id').where('kind', '=', 'callback').execute()).toHaveLength(1);
    expect((await wa(BUDI.phone, 'berapa tagihannya?')).text).toMatch(/tanggal lahir/);
    await wa(BUDI.phone, 'maaf ini bukan nomor dia lagi, sy pemilik baru nomor ini');
    expect((await wa(BUDI.phone, '2')).text).toMatch(/tidak dihubungi lagi/);
    const prefs = await db.kysely.selectFrom('contact_channel_preferences').select(['channel', 'consent', 'source']).execute();
    expect(prefs.map((p) => p.channel).sort()).toEqual(['sms', 'voice', 'whatsapp']);
    expect(prefs.every((p) => p.consent === 'opted_out' && p.source === 'assistant')).toBe(true);
  });

  it('records a WhatsApp opt-out without verification and says goodbye', async () => {
    await db.kysely.deleteFrom('contact_channel_preferences').execute();
    const reply = (await wa(BUDI.phone, 'BERHENTI')).text;
    expect(reply).toMatch(/tidak akan menghubungi Anda lagi melalui WhatsApp/);
    expect(await db.kysely.selectFrom('contact_channel_preferences').select('channel').execute()).toEqual([{ channel: 'whatsapp' }]);
    const bye = await wa(BUDI.phone, 'ok makasih ya');
    expect(bye.text).toMatch(/terima kasih sudah menghubungi kami/);
    expect(bye.outcome.status).toBe('resolved');
  });

  it('verifies on the web by account number, without revealing which numbers exist', async () => {
    expect(await web('t1', 'berapa sisa tagihan saya')).toMatch(/nomor kontrak/);
    expect(await web('t1', 'XX-9999')).toMatch(/tanggal lahir/); // same answer as for a real account
    expect(await web('t1', BUDI.identity)).toMatch(/belum cocok/);
    expect(await web('t2', 'sisa tagihan')).toMatch(/nomor kontrak/);
    expect(await web('t2', 'kontrak saya kta-0001')).toMatch(/tanggal lahir/);
    expect(await web('t2', BUDI.identity)).toMatch(/Sisa tagihan kontrak KTA-0001 saat ini Rp1.250.000/);
    expect(await web('t2', 'jangan telepon saya lagi')).toMatch(/melalui telepon/);
    const web2 = await db.kysely.selectFrom('interactions').select('channel').where('channel', '=', 'chat').execute();
    expect(web2.length).toBeGreaterThan(0);
  });

  it('cannot verify a debtor without birth date and NIK on file, and offers a person', async () => {
    expect(await web('t3', 'tagihan saya berapa')).toMatch(/nomor kontrak/);
    await web('t3', YOHANES.accountNo);
    expect(await web('t3', '01-01-1990 1234')).toMatch(/belum dapat dilakukan/);
  });

  it('answers empty, huge, binary and script-laden messages politely', async () => {
    expect(await web('t4', '')).toMatch(/pesan Anda kosong/);
    expect(await web('t4', 'x'.repeat(5000))).toMatch(/terlalu panjang/);
    expect(await web('t4', '\u0000\u0001\u0002\u0003PK')).toMatch(/tidak dapat membaca/);
    expect(await web('t4', '<script>alert(document.cookie)</script>')).toMatch(/tidak dapat membaca/);
    expect(await web('t4', 'apa kabar presiden hari ini')).toMatch(/belum bisa membantu/);
  });

  it('says so politely when the cases service refuses a promise the bot accepted', async () => {
    await db.kysely.updateTable('promises_to_pay').set({ status: 'cancelled' }).execute();
    const refusing = createAssistantRuntime(deps, { cases: { ...directCasesPort, createPromise: async () => Promise.reject(new AppError('TAGIH_CONFLICT', 'account already has a pending promise')) } });
    const say = async (text: string) => (await handleInbound(refusing, { channel: 'web', userKey: 'web:t9', text })).replies.map((r) => r.text).join('\n');
    await say('saya mau janji bayar');
    await say(BUDI.accountNo);
    await say(BUDI.identity);
    expect(await say('besok 500 ribu')).toMatch(/Apakah sudah benar/);
    expect(await say('ya')).toMatch(/belum dapat kami catat secara otomatis/);
    expect(await db.kysely.selectFrom('promises_to_pay').select('id').where('status', '=', 'pending').execute()).toEqual([]);
  });

  it('never fails a turn and never shows an unverified sender anything about the account, whatever they type', async () => {
    await db.kysely.updateTable('assistant_conversations').set({ status: 'resolved' }).execute();
    const sender = '+6281234567890'; // Budi's number, but nobody has verified in this conversation
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 6000, unit: 'binary' }), fc.constantFrom('brp tagihan', 'kapan jatuh tempo', 'sy bayar bsk 500rb', 'ya', 'sanggah', '1')), async (text) => {
        clock = new Date(clock.getTime() + 1000);
        const out = await handleInbound(rt, { channel: 'whatsapp', userKey: deps.cipher.blindIndex(sender), text });
        for (const r of out.replies) expect(r.text).not.toMatch(/Rp|Budi|Santoso|KTA-0001|8808001234567890|Oktober|November 2026/);
      }),
      { numRuns: 40 },
    );
  });

  it('processes a redelivered WhatsApp message once', async () => {
    const key = deps.cipher.blindIndex(YOHANES.phone);
    const a = await handleInbound(rt, { channel: 'whatsapp', userKey: key, text: 'halo', externalId: 'wamid.dup' });
    const b = await handleInbound(rt, { channel: 'whatsapp', userKey: key, text: 'halo', externalId: 'wamid.dup' });
    expect(a.replies).toHaveLength(1);
    expect(b).toMatchObject({ duplicate: true, replies: [] });
  });
});
