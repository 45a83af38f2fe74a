import { parseArgs } from 'node:util';
import type { AppDeps } from '../src/app-deps.ts';
import { createAssistantRuntime, handleInbound, type AssistantRuntime } from '../src/modules/assistant/index.ts';
import { seededDemoDeps } from './support/demo-deps.ts';
import { percentiles } from './support/percentiles.ts';

/**
 * `npm run bench -- assistant [--conversations 400] [--concurrency 16] [--accounts 2000] [--pglite] [--url URL] [--db NAME]`
 *
 * Many concurrent scripted WhatsApp conversations against a seeded demo portfolio, each a realistic mix: greeting,
 * a balance question that triggers identity verification (one in ten first gets it wrong), then one of due date,
 * payment methods, a promise to pay with confirmation, a restructuring request, a dispute, a third party, or a
 * handoff, and a goodbye. Every turn is the full path (NLU, dialogue, verification, cases services, encrypted
 * transcript, interaction, conversation row lock) in one transaction. Prints turns/s and p50/p95/p99 per turn on
 * stderr and one JSON line on stdout. Goal (issue 5): p99 ≤ 20 ms for the NLU; the whole turn is reported as well.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      conversations: { type: 'string', default: '400' },
      concurrency: { type: 'string', default: '16' },
      accounts: { type: 'string', default: '2000' },
      pglite: { type: 'boolean', default: false },
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      db: { type: 'string', default: 'tagih_bench_assistant' },
    },
  });
  const conversations = Number(values.conversations);
  const concurrency = Number(values.concurrency);
  const log = (s: string) => process.stderr.write(`${s}\n`);

  const deps = await seededDemoDeps({ pglite: values.pglite, url: values.url, db: values.db, concurrency, accounts: Number(values.accounts), seed: 7 }, log);
  const db = deps.db;
  const { cipher } = deps;
  let t: number;

  const people = await debtorsWithIdentity(deps, conversations);
  if (people.length === 0) throw new Error('no verifiable debtors in the demo portfolio');
  const rt = createAssistantRuntime(deps);
  const nlu = await rt.nlu();
  log(`NLU trained in ${nlu.trainingMs.toFixed(0)} ms; ${people.length} debtors, ${conversations} conversations, concurrency ${concurrency}`);

  // NLU alone, on the same script texts: the per-turn classification cost.
  const nluLatencies: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const text = SCRIPTS[i % SCRIPTS.length]![i % 3] ?? 'halo';
    const s = performance.now();
    await nlu.analyze(text, { today: '2026-11-23' });
    nluLatencies.push(performance.now() - s);
  }

  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  t = performance.now();
  const cpu0 = process.cpuUsage();
  async function worker(): Promise<void> {
    for (let i = next++; i < conversations; i = next++) {
      const person = people[i % people.length]!;
      for (const text of conversationScript(i, person.identity)) {
        const s = performance.now();
        const out = await handleInbound(rt, { channel: 'whatsapp', userKey: cipher.blindIndex(`${person.phone}`), addressEnc: null, text, externalId: `bench.${i}.${latencies.length}.${Math.random()}` });
        latencies.push(performance.now() - s);
        outcomes.set(out.status, (outcomes.get(out.status) ?? 0) + 1);
      }
      // End the conversation so the next script on the same number starts fresh.
      await resolveLive(rt, cipher.blindIndex(person.phone), person.debtorId);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const turns = latencies.length;
  const summary = {
    database: values.pglite ? 'pglite' : 'postgres',
    conversations,
    concurrency,
    turns,
    seconds: round(seconds),
    turns_per_second: round(turns / seconds),
    turn_ms: percentiles(latencies),
    nlu_ms: percentiles(nluLatencies),
    client_cpu_seconds: round((cpu.user + cpu.system) / 1e6),
    handed_off_share: round(Number((await db.kysely.selectFrom('assistant_conversations').select((eb) => eb.fn.countAll<string>().as('n')).where('handed_off_at', 'is not', null).executeTakeFirstOrThrow()).n) / conversations),
  };
  log(`${turns} turns in ${summary.seconds} s = ${summary.turns_per_second} turns/s; turn p50 ${summary.turn_ms.p50} ms, p95 ${summary.turn_ms.p95} ms, p99 ${summary.turn_ms.p99} ms; NLU p50 ${summary.nlu_ms.p50} ms, p99 ${summary.nlu_ms.p99} ms`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  await db.close();
}

const SCRIPTS: readonly (readonly string[])[] = [
  ['kapan jatuh tempo sy', 'makasih kak'],
  ['bayarnya lewat mana ya', 'ok terima kasih'],
  ['bsk sy tf 500rb', 'ya', 'makasih'],
  ['sy lg susah bayar, bisa keringanan?', 'saya kena PHK bulan lalu', '300 ribu', 'terima kasih'],
  ['tagihan ini salah, sy mau sanggah', 'denda dihitung dua kali', 'ok'],
  ['sy udh bayar kemarin', 'transfer BCA 450rb tgl 22 ref 998', 'makasih'],
  ['mau bicara dengan petugas'],
  ['ini istrinya, suami lagi keluar kota', '1'],
];

function conversationScript(i: number, identity: string): string[] {
  const wrongFirst = i % 10 === 0 ? ['01-01-1900 0000'] : [];
  return ['halo kak', 'brp sisa tagihan sy', ...wrongFirst, identity, ...(SCRIPTS[i % SCRIPTS.length] ?? [])];
}

async function debtorsWithIdentity(deps: AppDeps, limit: number): Promise<{ phone: string; identity: string; debtorId: string }[]> {
  const rows = await deps.db.kysely
    .selectFrom('debtors as d')
    .innerJoin('debtor_contacts as c', (j) => j.onRef('c.debtor_id', '=', 'd.id').on('c.type', '=', 'phone').on('c.is_emergency', '=', false).on('c.is_primary', '=', true))
    .select(['d.id', 'c.value_enc', 'd.birth_date_enc', 'd.nik_enc'])
    .where('d.birth_date_enc', 'is not', null)
    .where('d.nik_enc', 'is not', null)
    .limit(limit)
    .execute();
  const seen = new Set<string>();
  const out: { phone: string; identity: string; debtorId: string }[] = [];
  for (const r of rows) {
    const phone = deps.cipher.decrypt(r.value_enc);
    if (seen.has(phone)) continue;
    seen.add(phone);
    const [y, m, d] = deps.cipher.decrypt(r.birth_date_enc!).split('-');
    out.push({ debtorId: r.id, phone, identity: `${d}-${m}-${y} ${deps.cipher.decrypt(r.nik_enc!).slice(-4)}` });
  }
  return out;
}

async function resolveLive(rt: AssistantRuntime, userKey: string, debtorId: string): Promise<void> {
  await rt.deps.db.kysely.updateTable('assistant_conversations').set({ status: 'resolved', resolved_at: new Date() }).where('channel', '=', 'whatsapp').where('channel_user_key', '=', userKey).where('status', '<>', 'resolved').execute();
  // A promise carries over between scripts on the same debtor; cancel it so the next script runs its full path.
  await rt.deps.db.kysely.updateTable('promises_to_pay').set({ status: 'cancelled' }).where('debtor_id', '=', debtorId).where('status', '=', 'pending').execute();
}


const round = (x: number) => Math.round(x * 100) / 100;


