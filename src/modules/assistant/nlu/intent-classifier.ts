import nlpjsCore from '@nlpjs/core';
import nlpjsLangId from '@nlpjs/lang-id';
import nlpjsNlu from '@nlpjs/nlu';
import type { NormalizedUtterance } from '../../../domain/nlu/normalize-utterance.ts';
import type { Example } from './corpus.ts';
import { modelText } from './features.ts';
import { isIntent, type Intent } from './intents.ts';
import { normalizeUtterance } from '../../../domain/nlu/normalize-utterance.ts';

/** The statistical model's best guess, before any confidence threshold. */
export interface IntentScore {
  readonly intent: Intent;
  /** Share of the model's (squared, normalised) activation held by `intent`, 0..1. */
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
  });
  const toText = (utterance: NormalizedUtterance): string => (pairs ? modelText(utterance) : utterance.text);
  await nlu.train(examples.map((e) => ({ utterance: toText(normalizeUtterance(e.text)), intent: e.intent })));
  return {
    async classify(utterance) {
      const text = toText(utterance);
      if (text === '') return { intent: 'out_of_scope', confidence: 1 };
      const { classifications } = await nlu.process(text);
      const best = classifications[0];
      // nlp.js answers `None` when no token of the utterance was ever seen in training.
      if (best === undefined || !isIntent(best.intent) || best.score <= 0) return { intent: 'out_of_scope', confidence: 1 };
      return { intent: best.intent, confidence: Math.min(1, Math.max(0, best.score)) };
    },
  };
}
