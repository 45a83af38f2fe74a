// Minimal typings for the parts of nlp.js v4 that the assistant NLU uses; the packages ship no types.

declare module '@nlpjs/core' {
  /** nlp.js dependency-injection container holding normalisers, tokenizers and stemmers per locale. */
  export interface NlpContainer {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): NlpContainer;
  const core: { containerBootstrap: typeof containerBootstrap };
  export default core;
}

declare module '@nlpjs/lang-id' {
  /** Registers the Indonesian tokenizer, stemmer, stopwords and normaliser (locale `id`). */
  export const LangId: unknown;
  const langId: { LangId: unknown };
  export default langId;
}

declare module '@nlpjs/nlu' {
  import type { NlpContainer } from '@nlpjs/core';

  export interface NluNeuralSettings {
    locale: string;
    container: NlpContainer;
    log?: boolean;
    spellCheck?: boolean;
    spellCheckDistance?: number;
    useNoneFeature?: boolean;
    keepStopwords?: boolean;
    iterations?: number;
    errorThresh?: number;
    learningRate?: number;
    alpha?: number;
    momentum?: number;
  }
  export interface NluClassification {
    intent: string;
    score: number;
  }
  /** One-layer neural intent classifier over stemmed bag-of-words features. */
  export class NluNeural {
    constructor(settings: NluNeuralSettings);
    train(corpus: ReadonlyArray<{ utterance: string; intent: string }>): Promise<unknown>;
    process(utterance: string): Promise<{ classifications: NluClassification[] }>;
    prepare(utterance: string): Promise<Record<string, number>>;
  }
  const nlu: { NluNeural: typeof NluNeural };
  export default nlu;
}
