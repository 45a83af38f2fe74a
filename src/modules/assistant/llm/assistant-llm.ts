import { z } from 'zod';
import type { AppConfig } from '../../../config.ts';
import { maskDigitRuns } from '../../../domain/assistant/index.ts';
import { INTENTS, type Intent } from '../nlu/intents.ts';
import { chatCompletions, type ChatCompletions } from './chat-completions.ts';

/**
 * The assistant's optional LLM, as a port. It may (a) suggest an intent for a message the local model is unsure of,
 * and (b) re-word a catalogue reply *template*. It never sees an identity answer, an account detail or a digit run
 * of the debtor's text, it never verifies anyone, and every answer it gives is checked before use; on any doubt the
 * local result or the catalogue wording stands. Off unless `TAGIH_LLM_BASE_URL` and `TAGIH_LLM_MODEL` are set.
 */
export interface AssistantLlm {
  /** Classify only when the local model's best score is below this; null: classification is off. */
  readonly classifyBelow: number | null;
  /** Whether replies are offered for re-wording. */
  readonly phrase: boolean;
  /** One of the fifteen intent labels, or null (error, timeout, anything else). The text is masked here. */
  classify(debtorText: string): Promise<Intent | null>;
  /** Another wording of a catalogue template (placeholders kept as `{{name}}`), or null. Unchecked: see llm-guardrails. */
  rephrase(template: string): Promise<string | null>;
}

const label = z.enum(INTENTS);

const CLASSIFY_PROMPT = [
  'Anda mengklasifikasikan satu pesan chat berbahasa Indonesia dari seorang debitur kepada asisten penagihan.',
  `Jawab HANYA dengan satu label dari daftar ini, tanpa kata lain: ${INTENTS.join(', ')}.`,
  'Angka pribadi sudah disamarkan sebagai [angka]. Bila ragu atau pesan tidak berhubungan dengan pinjaman, jawab out_of_scope.',
].join('\n');

const PHRASE_PROMPT = [
  'Anda menulis ulang satu pesan asisten penagihan agar terdengar lebih hangat, sopan, dan empatik, dalam bahasa Indonesia.',
  'Aturan mutlak:',
  '- Pertahankan setiap placeholder seperti {{amount}} atau {{account_no}} persis apa adanya, masing-masing tepat satu kali bila ada di pesan asli.',
  '- Jangan menambah angka, jumlah uang, tanggal, hari, batas waktu, nama orang, tautan, atau janji apa pun.',
  '- Jangan mengancam, menekan, mempermalukan, atau menyebut pihak lain; tidak ada konsekuensi baru.',
  '- Pertahankan perintah berhuruf kapital seperti AGEN, YA, TIDAK, KERINGANAN, BERHENTI.',
  '- Panjang kurang lebih sama. Jawab hanya dengan pesan yang ditulis ulang, tanpa tanda kutip atau penjelasan.',
].join('\n');

/** Reads a label out of a chat answer: `balance_inquiry`, `"balance_inquiry".`, `{"intent":"balance_inquiry"}`. */
export function parseIntentLabel(answer: string): Intent | null {
  let text = answer.trim();
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && 'intent' in json && typeof json.intent === 'string') text = json.intent;
  } catch {
    // not JSON: a bare label
  }
  const parsed = label.safeParse(text.toLowerCase().replace(/^[\s"'`*]+|[\s"'`*.!]+$/g, ''));
  return parsed.success ? parsed.data : null;
}

export function createAssistantLlm(config: NonNullable<AppConfig['llm']>, client?: ChatCompletions, onFailure?: (reason: string) => void): AssistantLlm {
  const chat = client ?? chatCompletions({ baseUrl: config.baseUrl, model: config.model, apiKey: config.apiKey, timeoutMs: config.timeoutMs, ...(onFailure ? { onFailure } : {}) });
  return {
    classifyBelow: config.classify ? config.classifyBelow : null,
    phrase: config.phrase,
    async classify(debtorText) {
      const answer = await chat.complete(
        [
          { role: 'system', content: CLASSIFY_PROMPT },
          { role: 'user', content: maskDigitRuns(debtorText).slice(0, 1000) },
        ],
        { maxTokens: 20, temperature: 0 },
      );
      return answer === null ? null : parseIntentLabel(answer);
    },
    async rephrase(template) {
      const answer = await chat.complete(
        [
          { role: 'system', content: PHRASE_PROMPT },
          { role: 'user', content: template },
        ],
        { maxTokens: 400, temperature: 0.4 },
      );
      return answer === null ? null : answer.trim().replace(/^["“]|["”]$/g, '');
    },
  };
}
