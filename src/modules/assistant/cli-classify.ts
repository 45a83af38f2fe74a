import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { isIsoDate, localDateOf } from '../../domain/dates.ts';
import { isIanaZone } from '../../domain/provinces.ts';
import { sharedNlu } from './nlu/nlu.ts';

const DEFAULT_ZONE = 'Asia/Jakarta';

/** Confidence is printed with 4 decimals: enough to rank, and stable across platforms' float formatting. */
const roundConfidence = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * `tagih assistant classify [--today YYYY-MM-DD] [--zone IANA_ZONE]` (CONTRACTS.md, "Debtor assistant").
 * Streams: each stdin line is answered as soon as it is read, so a chat bridge can keep the process open.
 * Blank (whitespace-only) lines are not utterances and produce no output; every other line produces exactly one
 * JSON line, whatever it contains (markup, binary, megabytes), so the output can be zipped with the non-blank input.
 */
export const command: CliCommand = {
  summary: 'Classify debtor utterances (one per stdin line) into intent, date and amount, as JSON lines',
  usage: '[--today YYYY-MM-DD] [--zone IANA_ZONE]  < utterances.txt',
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { today: { type: 'string' }, zone: { type: 'string', default: DEFAULT_ZONE } },
      strict: true,
      allowPositionals: false,
    });
    const zone = values.zone;
    // The CLI owns the clock: "today" is the debtor's local date unless --today pins it.
    if (!isIanaZone(zone)) throw new UsageError(`--zone: unknown IANA time zone '${zone}' (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)`);
    const today = values.today ?? localDateOf(new Date(), zone);
    if (!isIsoDate(today)) throw new UsageError(`--today: expected a calendar date YYYY-MM-DD, got '${today}'`);

    const nluReady = sharedNlu();
    const lines = createInterface({ input: ctx.stdin, crlfDelay: Infinity, terminal: false });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const nlu = await nluReady;
      const result = await nlu.analyze(line, { today });
      writeJsonLine(ctx.stdout, {
        text: line,
        intent: result.intent,
        confidence: roundConfidence(result.confidence),
        entities: {
          date: result.entities.date,
          amount_idr: result.entities.amountIdr === null ? null : Number(result.entities.amountIdr),
        },
      });
      // Backpressure: a slow reader must slow us down, not make us buffer the whole answer in memory.
      if (ctx.stdout.writableNeedDrain) await once(ctx.stdout, 'drain');
    }
    return 0;
  },
};
