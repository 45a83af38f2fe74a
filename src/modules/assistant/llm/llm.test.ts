import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { testDeps } from '../../../../test/support/app.ts';
import type { AppDeps } from '../../../app-deps.ts';
import type { Db } from '../../../db/connection.ts';
import { loadConfig } from '../../../config.ts';
import { REPLY_CATALOG } from '../../../domain/assistant/index.ts';
import { lintMessage } from '../../../domain/templates/index.ts';
import { handleInbound } from '../dialogue/conversation-turn.ts';
import { createAssistantRuntime, type AssistantRuntime } from '../dialogue/runtime.ts';
import { BUDI, seedFixturePortfolio } from '../dialogue/test-support.ts';
import { parseIntentLabel } from './assistant-llm.ts';

type Kind = 'classify' | 'phrase';
interface Seen {
  readonly kind: Kind;
  readonly user: string;
  readonly model: string;
  readonly auth: string | undefined;
  readonly raw: string;
}
interface Scripted {
  readonly status?: number;
  readonly content?: string;
  readonly delayMs?: number;
}

/** A local OpenAI-compatible server: records every request and answers from a script. */
async function fakeLlm(): Promise<{ url: string; seen: Seen[]; script: { fn: (kind: Kind, user: string) => Scripted }; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const script = { fn: (_k: Kind, _u: string): Scripted => ({ content: 'out_of_scope' }) };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as { model: string; messages: { role: string; content: string }[] };
      const kind: Kind = body.messages[0]!.content.startsWith('Anda mengklasifikasikan') ? 'classify' : 'phrase';
      const user = body.messages.find((m) => m.role === 'user')!.content;
      seen.push({ kind, user, model: body.model, auth: req.headers.authorization, raw });
      const answer = script.fn(kind, user);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: answer.content ?? '' }, finish_reason: 'stop' }] }));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const LOW_CONFIDENCE = 'aduh pusing banget, hp sy 081234567890'; // local model: complaint, score ≈ 0.28
const FAITHFUL_BYE = 'Sama-sama, terima kasih telah menghubungi kami. Semoga hari Anda menyenangkan ya.';
const BYE = REPLY_CATALOG.thanks_bye.text;

describe('parseIntentLabel', () => {
  it('accepts only the fifteen labels, in the shapes chat models answer with', () => {
    expect(parseIntentLabel('human_agent')).toBe('human_agent');
    expect(parseIntentLabel(' "Check_Balance". ')).toBe('check_balance');
    expect(parseIntentLabel('{"intent":"dispute"}')).toBe('dispute');
    expect(parseIntentLabel('I think it is human_agent')).toBeNull();
    expect(parseIntentLabel('pay_now')).toBeNull();
    expect(parseIntentLabel('')).toBeNull();
  });
});

describe.each(testDatabases)('assistant with the optional LLM on $name', (target) => {
  let db: Db;
  let base: AppDeps;
  let fake: Awaited<ReturnType<typeof fakeLlm>>;
  let clock = new Date('2026-11-23T03:00:00Z');
  let seq = 0;

  beforeAll(async () => {
    db = await target.open();
    fake = await fakeLlm();
    base = testDeps(db, { now: () => clock });
    await seedFixturePortfolio(base);
  });
  afterAll(async () => {
    await fake.close();
    await db.close();
  });
  beforeEach(() => {
    fake.seen.length = 0;
    fake.script.fn = () => ({ content: 'out_of_scope' });
  });

  function runtime(env: Record<string, string> = {}): { rt: AssistantRuntime; deps: AppDeps } {
    // Same keys as the seeded data (identity answers are checked against encrypted records).
    const deps = { ...base, config: loadConfig({ LOG_LEVEL: 'silent', TAGIH_DATA_DIR: '/nonexistent', TAGIH_LLM_BASE_URL: fake.url, TAGIH_LLM_MODEL: 'fake-1', TAGIH_LLM_API_KEY: 'sk-test', ...env }) };
    return { rt: createAssistantRuntime(deps), deps };
  }
  async function web(rt: AssistantRuntime, token: string, text: string): Promise<string> {
    clock = new Date(clock.getTime() + 1000);
    const out = await handleInbound(rt, { channel: 'web', userKey: `web:llm:${token}`, text });
    for (const r of out.replies) expect(lintMessage(r.text, { channel: 'whatsapp', language: 'id', creditorName: r.text.includes('BANKMAJU') ? 'BANKMAJU' : 'Tagih' }).violations).toEqual([]);
    return out.replies.map((r) => r.text).join('\n');
  }
  async function wa(rt: AssistantRuntime, deps: AppDeps, text: string): Promise<string> {
    clock = new Date(clock.getTime() + 1000);
    const out = await handleInbound(rt, { channel: 'whatsapp', userKey: deps.cipher.blindIndex(BUDI.phone), addressEnc: deps.cipher.encrypt(BUDI.phone), text, externalId: `wamid.llm.${++seq}` });
    return out.replies.map((r) => r.text).join('\n');
  }
  const rejections = async () =>
    Number((await db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'assistant.llm_rephrase_rejected').executeTakeFirstOrThrow()).n);

  it('is off by default: no configuration, no call, whatever the confidence', async () => {
    expect(loadConfig({}).llm).toBeNull();
    const rt = createAssistantRuntime(base);
    expect(rt.llm).toBeNull();
    await web(rt, 'off', LOW_CONFIDENCE);
    await web(rt, 'off', 'halo');
    expect(fake.seen).toEqual([]);
  });

  it('reclassifies a low-confidence message, sending only its masked text', async () => {
    const { rt } = runtime({ TAGIH_LLM_PHRASE: 'false' });
    fake.script.fn = () => ({ content: 'thanks_bye' });
    expect(await web(rt, 'low', LOW_CONFIDENCE)).toContain(BYE);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]).toMatchObject({ kind: 'classify', model: 'fake-1', auth: 'Bearer sk-test', user: 'aduh pusing banget, hp sy [angka]' });
    expect(fake.seen[0]!.raw).not.toContain('081234567890');
  });

  it('never sends a message the local model is sure about, nor an answer to a question the bot asked', async () => {
    const { rt } = runtime({ TAGIH_LLM_PHRASE: 'false' });
    fake.script.fn = () => ({ content: 'human_agent' });
    expect(await web(rt, 'high', 'brp tagihan sy')).toMatch(/nomor kontrak/);
    expect(await web(rt, 'high', 'kontrak saya kta-0001')).toMatch(/tanggal lahir/);
    expect(await web(rt, 'high', BUDI.identity)).toContain('Rp1.250.000');
    expect(fake.seen).toEqual([]);
  });

  it('keeps the local result when the LLM answers something else, fails or is too slow', async () => {
    const { rt } = runtime({ TAGIH_LLM_PHRASE: 'false', TAGIH_LLM_TIMEOUT_MS: '150' });
    const local = await web(createAssistantRuntime(base), 'ref', LOW_CONFIDENCE);
    expect(local).not.toContain(BYE);
    for (const [i, answer] of [{ content: 'transfer_now' }, { status: 500, content: 'thanks_bye' }, { content: 'thanks_bye', delayMs: 1000 }].entries()) {
      fake.script.fn = () => answer;
      expect(await web(rt, `fail${i}`, LOW_CONFIDENCE)).toBe(local);
    }
    expect(fake.seen.map((s) => s.kind)).toEqual(['classify', 'classify', 'classify']);
  });

  it('sends a faithful re-wording of a reply, built from the template only', async () => {
    const { rt } = runtime({ TAGIH_LLM_CLASSIFY: 'false' });
    fake.script.fn = (_k, user) => ({ content: user === BYE ? FAITHFUL_BYE : user });
    expect(await web(rt, 'phrase', 'makasih ya')).toMatch(new RegExp(`^${FAITHFUL_BYE}\n\n— Asisten virtual Tagih`));
    expect(fake.seen.map((s) => s.user)).toEqual([BYE]);
  });

  it('refuses a threatening re-wording and one that adds an amount, keeps the catalogue reply and counts it', async () => {
    const { rt } = runtime({ TAGIH_LLM_CLASSIFY: 'false' });
    const before = await rejections();
    fake.script.fn = () => ({ content: 'Segera bayar atau kami akan lapor polisi dan datangi kantor Anda.' });
    expect(await web(rt, 'threat', 'makasih ya')).toMatch(new RegExp(`^${BYE}\n`));
    fake.script.fn = () => ({ content: `${BYE} Mohon siapkan pembayaran Rp500.000.` });
    expect(await web(rt, 'amount', 'makasih ya')).toMatch(new RegExp(`^${BYE}\n`));
    fake.script.fn = (_k, user) => ({ status: 500, content: user });
    expect(await web(rt, 'down', 'makasih ya')).toMatch(new RegExp(`^${BYE}\n`));
    expect(await rejections()).toBe(before + 2);
    const rows = await db.kysely.selectFrom('audit_log').select('details').where('action', '=', 'assistant.llm_rephrase_rejected').execute();
    expect(JSON.stringify(rows)).toMatch(/compliance/);
    expect(JSON.stringify(rows)).toMatch(/figure_added/);
  });

  it('an unverified person never gets account details through the LLM path, and the LLM never sees them', async () => {
    const { rt, deps } = runtime({ TAGIH_LLM_CLASSIFY_BELOW: '1' });
    // A hostile model: classifies everything as a balance question and stuffs Budi's figures into every reply.
    fake.script.fn = (kind, user) => (kind === 'classify' ? { content: 'check_balance' } : { content: `${user} Budi Santoso, sisa Rp1.250.000 kontrak KTA-0001 {{amount}}` });
    const unverified = [await wa(rt, deps, 'halo'), await wa(rt, deps, LOW_CONFIDENCE), await wa(rt, deps, BUDI.wrongIdentity)].join('\n');
    expect(unverified).not.toMatch(/Budi|Santoso|KTA|Rp|1\.250\.000|8808/);
    // Verified: the answers come from the catalogue (the rewrite changes placeholders), and the model saw templates only.
    const verified = await wa(rt, deps, BUDI.identity);
    expect(verified).toContain('Sisa tagihan kontrak KTA-0001 saat ini Rp1.250.000.');
    expect(fake.seen.length).toBeGreaterThan(0);
    const sent = fake.seen.map((s) => s.raw).join('\n');
    expect(sent).not.toMatch(/Budi|Santoso|KTA-0001|1\.250\.000|8808001234567890|15-05-1990|081234567890|6281234567890/);
  });
});
