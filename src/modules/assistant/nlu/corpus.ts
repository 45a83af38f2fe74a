import { z } from 'zod';
import { INTENTS, type Intent } from './intents.ts';
import heldoutJson from './corpus/heldout.id.json' with { type: 'json' };
import trainJson from './corpus/train.id.json' with { type: 'json' };

/** One labelled utterance. */
export interface Example {
  readonly text: string;
  readonly intent: Intent;
}

const corpusSchema = z.object(
  Object.fromEntries(INTENTS.map((intent) => [intent, z.array(z.string().min(1)).min(1)])) as Record<Intent, z.ZodArray<z.ZodString>>,
).strict();

function flatten(json: unknown, name: string): readonly Example[] {
  const parsed = corpusSchema.safeParse(json);
  if (!parsed.success) throw new Error(`assistant NLU corpus ${name} is malformed: ${parsed.error.issues[0]?.message ?? ''}`);
  return INTENTS.flatMap((intent) => parsed.data[intent].map((text) => ({ text, intent })));
}

/**
 * The training utterances (`corpus/train.id.json`), shipped in the repository so the model trains offline at startup.
 * Held out data (`corpus/heldout.id.json`) was written separately and is used only by evaluation and its test.
 */
export const TRAINING_EXAMPLES: readonly Example[] = flatten(trainJson, 'train.id.json');

/** Held-out evaluation utterances; never used for training or threshold tuning. */
export const HELDOUT_EXAMPLES: readonly Example[] = flatten(heldoutJson, 'heldout.id.json');
