import { extractAmountIdr } from '../../../domain/nlu/extract-amount.ts';
import { extractDate } from '../../../domain/nlu/extract-date.ts';
import { isIsoDate } from '../../../domain/dates.ts';
import { MAX_NORMALIZED_INPUT, normalizeUtterance } from '../../../domain/nlu/normalize-utterance.ts';
import { TRAINING_EXAMPLES, type Example } from './corpus.ts';
import { trainIntentClassifier, type ClassifierOptions } from './intent-classifier.ts';
import type { Intent } from './intents.ts';

/**
 * Below this model confidence the turn is answered as `out_of_scope`. Chosen by 5-fold cross-validation on the
 * training set only (`node bin/tagih.js assistant evaluate --cv` → `cross_validation.tuned_threshold`), never on the
 * held-out set; re-run it after changing the corpus or the features.
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.25;

/** What the analysis needs besides the text: the debtor's local date, so `besok` and `tanggal 25` resolve. */
export interface AnalyzeOptions {
  /** `YYYY-MM-DD` in the debtor's zone (see `localDateOf` in domain/dates.ts). */
  readonly today: string;
}

/** Entities found in one turn; either may be null. */
export interface NluEntities {
  /** First date mentioned, resolved against `today`, as `YYYY-MM-DD`. */
  readonly date: string | null;
  /** First rupiah amount mentioned, integer rupiah (≤ 10^15, so `Number(amountIdr)` is exact). */
  readonly amountIdr: bigint | null;
}

/** The NLU's reading of one debtor turn. */
export interface NluResult {
  readonly intent: Intent;
  /** 0..1. For a threshold fallback to `out_of_scope` this is 1 − the model's best score. */
  readonly confidence: number;
  readonly entities: NluEntities;
  /** The normalised text the model saw (for logs and debugging, not for display). */
  readonly normalized: string;
  /** The model's own best intent and score before the threshold, so the dialogue layer can offer "did you mean…". */
  readonly modelIntent: Intent;
  readonly modelConfidence: number;
}

/** The debtor assistant's language understanding: intent + date + amount for one Indonesian chat turn. */
export interface Nlu {
  analyze(text: string, options: AnalyzeOptions): Promise<NluResult>;
  /** Wall time spent training at creation, in milliseconds. */
  readonly trainingMs: number;
  readonly threshold: number;
}

export interface CreateNluOptions {
  /** Training data; defaults to the shipped corpus. */
  readonly examples?: readonly Example[];
  readonly threshold?: number;
  readonly classifier?: ClassifierOptions;
}

/**
 * Trains the intent model from the shipped corpus (offline, in memory, well under a second) and returns an analyser.
 * Create it once per process and share it (see `sharedNlu`).
 * @example const nlu = await createNlu(); await nlu.analyze('bsk sy tf 500rb', { today: '2026-03-10' })
 *   // → { intent: 'promise_to_pay', entities: { date: '2026-03-11', amountIdr: 500000n }, … }
 */
export async function createNlu(options: CreateNluOptions = {}): Promise<Nlu> {
  const threshold = options.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const started = performance.now();
  const classifier = await trainIntentClassifier(options.examples ?? TRAINING_EXAMPLES, options.classifier);
  const trainingMs = performance.now() - started;
  return {
    trainingMs,
    threshold,
    async analyze(text, { today }) {
      if (!isIsoDate(today)) throw new RangeError(`analyze: today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
      const normalized = normalizeUtterance(text);
      if (text.length > MAX_NORMALIZED_INPUT) {
        // Nobody types a 4 KB chat turn; whatever it is, the bot must not act on it.
        const entities = { date: null, amountIdr: null };
        return { intent: 'out_of_scope', confidence: 1, entities, normalized: normalized.text, modelIntent: 'out_of_scope', modelConfidence: 1 };
      }
      const model = await classifier.classify(normalized);
      const confident = model.confidence >= threshold;
      return {
        intent: confident ? model.intent : 'out_of_scope',
        confidence: confident ? model.confidence : 1 - model.confidence,
        entities: { date: extractDate(normalized.tokens, today), amountIdr: extractAmountIdr(normalized.tokens) },
        normalized: normalized.text,
        modelIntent: model.intent,
        modelConfidence: model.confidence,
      };
    },
  };
}

let shared: Promise<Nlu> | undefined;

/** One trained `Nlu` per process, created on first use; the CLI and the dialogue layer share it. */
export function sharedNlu(): Promise<Nlu> {
  shared ??= createNlu();
  return shared;
}
