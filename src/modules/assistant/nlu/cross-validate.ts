import { normalizeUtterance } from '../../../domain/nlu/normalize-utterance.ts';
import type { Example } from './corpus.ts';
import { trainIntentClassifier, type ClassifierOptions } from './intent-classifier.ts';
import type { Intent } from './intents.ts';

/** A model prediction on an example it did not train on. */
export interface ScoredPrediction {
  readonly gold: Intent;
  readonly predicted: Intent;
  readonly confidence: number;
}

/**
 * k-fold cross-validation on the training set, stratified by intent (the i-th example of each intent goes to fold
 * i mod k), so model options and the confidence threshold are chosen without ever looking at the held-out set.
 */
export async function crossValidate(examples: readonly Example[], folds: number, options?: ClassifierOptions): Promise<ScoredPrediction[]> {
  const seen = new Map<Intent, number>();
  const foldOf = examples.map((e) => {
    const n = seen.get(e.intent) ?? 0;
    seen.set(e.intent, n + 1);
    return n % folds;
  });
  const out: ScoredPrediction[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const classifier = await trainIntentClassifier(examples.filter((_, i) => foldOf[i] !== fold), options);
    for (let i = 0; i < examples.length; i++) {
      if (foldOf[i] !== fold) continue;
      const example = examples[i]!;
      const score = await classifier.classify(normalizeUtterance(example.text));
      out.push({ gold: example.intent, predicted: score.intent, confidence: score.confidence });
    }
  }
  return out;
}

/** Applies a confidence threshold: below it the answer becomes `out_of_scope`. */
export function withThreshold(p: ScoredPrediction, threshold: number): Intent {
  return p.confidence >= threshold ? p.predicted : 'out_of_scope';
}

/**
 * The threshold (0.00–0.95, step 0.05) that maximises cross-validated accuracy; among equally good thresholds the
 * highest, because a bot that acts only on confident guesses costs nothing extra there and errs towards asking.
 */
export function tuneThreshold(predictions: readonly ScoredPrediction[]): { threshold: number; accuracy: number } {
  const candidates = Array.from({ length: 20 }, (_, i) => i / 20);
  const accuracy = candidates.map((t) => predictions.filter((p) => withThreshold(p, t) === p.gold).length / Math.max(1, predictions.length));
  const best = Math.max(...accuracy);
  const plateau = candidates.filter((_, i) => accuracy[i] === best);
  return { threshold: plateau[plateau.length - 1]!, accuracy: best };
}
