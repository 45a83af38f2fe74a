import nlpjsCore from '@nlpjs/core';
import nlpjsLangId from '@nlpjs/lang-id';
import nlpjsNlu from '@nlpjs/nlu';
import { normalizeUtterance, type NormalizedUtterance } from '../../../domain/nlu/normalize-utterance.ts';
import type { Example } from './corpus.ts';
import { modelText } from './features.ts';
import { isIntent, type Intent } from './intents.ts';

/** The statistical model's best guess, before any confidence threshold. */
export interface IntentScore {
  readonly intent: Intent;
  /** Share of the model's (squared, normalised) activation held by `intent`, times the share of known word stems; 0..1. */
  readonly confidence: number;
}

/** A trained intent model: normalised utterance in, best intent out. */
export interface IntentClassifier {
  classify(utterance: NormalizedUtterance): Promise<IntentScore>;
}

/** Knobs kept only so evaluation can measure what each one is worth. */
export interface ClassifierOptions {
  /** Append modifier pairs (`belum_bayar`) as features; default true. */
  readonly pairFeatures?: boolean;
  /** Let nlp.js map unknown tokens to known ones at edit distance 1 (typos); default true. */
  readonly spellCheck?: boolean;
  /** Let words never seen in training pull towards "no intent" (nlp.js `useNoneFeature`); default false: no gain in cross-validation. */
  readonly unknownWordsPull?: boolean;
  /** Multiply confidence by the share of the utterance's word stems seen in training; default true. */
  readonly coverage?: boolean;
}

/**
 * Trains nlp.js's neural NLU (Indonesian stemmer from `@nlpjs/lang-id`) on the examples, fully in memory and offline.
 * Takes about a second for the shipped corpus; callers train once at startup and share the result.
 */
export async function trainIntentClassifier(examples: readonly Example[], options: ClassifierOptions = {}): Promise<IntentClassifier> {
  const pairs = options.pairFeatures ?? true;
  const container = nlpjsCore.containerBootstrap();
  container.use(nlpjsLangId.LangId);
  const nlu = new nlpjsNlu.NluNeural({
    locale: 'id',
    container,
    log: false,
    spellCheck: options.spellCheck ?? true,
    spellCheckDistance: 1,
    useNoneFeature: options.unknownWordsPull ?? false,
  });
  const toText = (utterance: NormalizedUtterance): string => (pairs ? modelText(utterance) : utterance.text);
  const normalized = examples.map((e) => ({ utterance: normalizeUtterance(e.text), intent: e.intent }));
  await nlu.train(normalized.map((e) => ({ utterance: toText(e.utterance), intent: e.intent })));
  const vocabulary = new Set<string>();
  for (const e of normalized) for (const stem of Object.keys(await nlu.prepare(e.utterance.text))) vocabulary.add(stem);
  const useCoverage = options.coverage ?? true;
  // nlp.js scores only intents that share a feature with the input, so one known word among strangers
  // ("drop table accounts") would get all the mass; the share of known stems tempers that.
  const coverage = async (utterance: NormalizedUtterance): Promise<number> => {
    const stems = Object.keys(await nlu.prepare(utterance.text));
    return stems.length === 0 ? 0 : stems.filter((s) => vocabulary.has(s)).length / stems.length;
  };
  return {
    async classify(utterance) {
      const text = toText(utterance);
      if (text === '') return { intent: 'out_of_scope', confidence: 1 };
      const { classifications } = await nlu.process(text);
      const best = classifications[0];
      // nlp.js answers `None` when no token of the utterance was ever seen in training.
      if (best === undefined || !isIntent(best.intent) || best.score <= 0) return { intent: 'out_of_scope', confidence: 1 };
      const share = useCoverage ? await coverage(utterance) : 1;
      return { intent: best.intent, confidence: Math.min(1, Math.max(0, best.score * share)) };
    },
  };
}
