import { parseArgs } from 'node:util';
import { UsageError, writeJsonLine, type CliCommand } from '../../../cli/command.ts';
import { HELDOUT_EXAMPLES, TRAINING_EXAMPLES, type Example } from './corpus.ts';
import { crossValidate, tuneThreshold, withThreshold } from './cross-validate.ts';
import { INTENTS, type Intent } from './intents.ts';
import { classificationReport, quantile, type ClassificationReport } from './metrics.ts';
import { createNlu, type Nlu } from './nlu.ts';

/** Reference date for evaluation runs; entities are not scored, but analyze() needs one. */
const EVAL_TODAY = '2026-03-10';

/** Held-out evaluation of a trained NLU: metrics plus per-turn latency of `analyze` (classification + entities). */
export interface HeldoutEvaluation {
  readonly report: ClassificationReport<Intent>;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly errors: ReadonlyArray<{ text: string; gold: Intent; predicted: Intent; confidence: number }>;
}

/** Runs every held-out example through `nlu.analyze`, timing each call. */
export async function evaluateHeldout(nlu: Nlu, examples: readonly Example[] = HELDOUT_EXAMPLES): Promise<HeldoutEvaluation> {
  // Warm the JIT on training sentences (not held-out ones: nlp.js caches per text and would flatter the timings).
  for (const e of TRAINING_EXAMPLES.slice(0, 30)) await nlu.analyze(e.text, { today: EVAL_TODAY });
  const timings: number[] = [];
  const pairs: Array<{ gold: Intent; predicted: Intent }> = [];
  const errors: Array<{ text: string; gold: Intent; predicted: Intent; confidence: number }> = [];
  for (const e of examples) {
    const started = performance.now();
    const result = await nlu.analyze(e.text, { today: EVAL_TODAY });
    timings.push(performance.now() - started);
    pairs.push({ gold: e.intent, predicted: result.intent });
    if (result.intent !== e.intent) errors.push({ text: e.text, gold: e.intent, predicted: result.intent, confidence: result.confidence });
  }
  return {
    report: classificationReport(INTENTS, pairs),
    latencyMs: { p50: quantile(timings, 0.5), p99: quantile(timings, 0.99), max: quantile(timings, 1) },
    errors,
  };
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

function reportJson(report: ClassificationReport<Intent>): Record<string, unknown> {
  return {
    accuracy: round(report.accuracy),
    macro_f1: round(report.macroF1),
    per_intent: Object.fromEntries(INTENTS.map((i) => {
      const m = report.perLabel[i];
      return [i, { precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), support: m.support }];
    })),
    confusion: report.confusion,
  };
}

const SHORT: Readonly<Record<Intent, string>> = {
  greeting: 'gre', check_balance: 'bal', due_date: 'due', payment_methods: 'pay', promise_to_pay: 'ptp',
  request_restructuring: 'res', already_paid: 'pai', dispute: 'dis', stop_contact: 'stp', human_agent: 'hum',
  complaint: 'cmp', discount_settlement: 'dsc', thanks_bye: 'thx', third_party: '3rd', out_of_scope: 'oos',
};

/** A fixed-width table of per-intent metrics and the confusion matrix (rows gold, columns predicted). */
export function renderTable(report: ClassificationReport<Intent>): string {
  const lines = [`accuracy ${(report.accuracy * 100).toFixed(1)}%  macro-F1 ${report.macroF1.toFixed(3)}  (n=${report.total})`, ''];
  lines.push(`${'intent'.padEnd(22)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)} ${'n'.padStart(4)}`);
  for (const i of INTENTS) {
    const m = report.perLabel[i];
    lines.push(`${i.padEnd(22)} ${m.precision.toFixed(2).padStart(5)} ${m.recall.toFixed(2).padStart(5)} ${m.f1.toFixed(2).padStart(5)} ${String(m.support).padStart(4)}`);
  }
  lines.push('', `confusion (rows gold, columns predicted)`, `${''.padEnd(4)}${INTENTS.map((i) => SHORT[i].padStart(4)).join('')}`);
  for (const g of INTENTS) {
    lines.push(`${SHORT[g].padEnd(4)}${INTENTS.map((p) => { const n = report.confusion[g][p]; return (n === 0 ? '.' : String(n)).padStart(4); }).join('')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `tagih assistant evaluate [--cv] [--folds N] [--errors]`: trains on the training corpus, scores the held-out corpus
 * and prints one JSON object (stdout) plus readable tables (stderr). `--cv` also cross-validates on the training set
 * and reports the confidence threshold that CV would choose.
 */
export const command: CliCommand = {
  summary: 'Evaluate the debtor-assistant NLU on the held-out corpus (accuracy, macro-F1, confusion, latency)',
  usage: '[--cv] [--folds N] [--errors]',
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { cv: { type: 'boolean', default: false }, folds: { type: 'string', default: '5' }, errors: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    const folds = Number(values.folds);
    if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new UsageError('--folds must be an integer from 2 to 20');
    const out: Record<string, unknown> = {};
    if (values.cv) {
      const predictions = await crossValidate(TRAINING_EXAMPLES, folds);
      const tuned = tuneThreshold(predictions);
      const cvReport = classificationReport(INTENTS, predictions.map((p) => ({ gold: p.gold, predicted: withThreshold(p, tuned.threshold) })));
      out.cross_validation = { folds, tuned_threshold: tuned.threshold, ...reportJson(cvReport) };
      ctx.stderr.write(`== ${folds}-fold cross-validation on training set (threshold ${tuned.threshold}) ==\n${renderTable(cvReport)}\n`);
    }
    const nlu = await createNlu();
    const evaluation = await evaluateHeldout(nlu);
    Object.assign(out, {
      train_size: TRAINING_EXAMPLES.length,
      heldout_size: HELDOUT_EXAMPLES.length,
      threshold: nlu.threshold,
      training_ms: round(nlu.trainingMs, 1),
      latency_ms: { p50: round(evaluation.latencyMs.p50), p99: round(evaluation.latencyMs.p99), max: round(evaluation.latencyMs.max) },
      ...reportJson(evaluation.report),
    });
    ctx.stderr.write(`== held-out (${HELDOUT_EXAMPLES.length} utterances) ==\n${renderTable(evaluation.report)}`);
    ctx.stderr.write(`training ${nlu.trainingMs.toFixed(0)} ms; latency per turn p50 ${evaluation.latencyMs.p50.toFixed(2)} ms, p99 ${evaluation.latencyMs.p99.toFixed(2)} ms\n`);
    if (values.errors) {
      for (const e of evaluation.errors) ctx.stderr.write(`  ${e.gold} → ${e.predicted} (${e.confidence.toFixed(2)}): ${e.text}\n`);
    }
    writeJsonLine(ctx.stdout, out);
    return 0;
  },
};
