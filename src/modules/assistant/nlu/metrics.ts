/** Classification metrics for intent evaluation: confusion matrix, per-label precision/recall/F1, macro-F1. */

export interface LabelMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface ClassificationReport<L extends string> {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perLabel: Readonly<Record<L, LabelMetrics>>;
  /** `confusion[gold][predicted]` = count. */
  readonly confusion: Readonly<Record<L, Readonly<Record<L, number>>>>;
  readonly total: number;
}

/**
 * Scores predictions against gold labels. Precision of a label never predicted is 0 (and so is its F1), the
 * convention that does not flatter a model which ignores a class.
 */
export function classificationReport<L extends string>(labels: readonly L[], pairs: ReadonlyArray<{ gold: L; predicted: L }>): ClassificationReport<L> {
  const confusion = Object.fromEntries(labels.map((g) => [g, Object.fromEntries(labels.map((p) => [p, 0]))])) as Record<L, Record<L, number>>;
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    confusion[gold][predicted] += 1;
    if (gold === predicted) correct += 1;
  }
  const perLabel = {} as Record<L, LabelMetrics>;
  let f1Sum = 0;
  for (const label of labels) {
    const tp = confusion[label][label];
    const support = labels.reduce((s, p) => s + confusion[label][p], 0);
    const predicted = labels.reduce((s, g) => s + confusion[g][label], 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perLabel[label] = { precision, recall, f1, support };
    f1Sum += f1;
  }
  return {
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: labels.length === 0 ? 0 : f1Sum / labels.length,
    perLabel,
    confusion,
    total: pairs.length,
  };
}

/** The q-quantile (0..1) of a sample, nearest-rank; 0 for an empty sample. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}
