import { z } from 'zod';

/** One message of an OpenAI-style chat. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** Sends a chat and returns the first choice's text, or null on any failure (network, timeout, status, shape). */
export interface ChatCompletions {
  complete(messages: readonly ChatMessage[], options?: { readonly maxTokens?: number; readonly temperature?: number }): Promise<string | null>;
}

export interface ChatCompletionsOptions {
  /** e.g. `http://127.0.0.1:8080/v1`; the call goes to `{baseUrl}/chat/completions`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
  readonly timeoutMs: number;
  /** Tests and callers may inject a fetch; defaults to the global one. */
  readonly fetch?: typeof fetch;
  /** Told why a call produced nothing (logs); never given the message text. */
  readonly onFailure?: (reason: string) => void;
}

const completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

/**
 * A minimal client of the OpenAI-compatible `POST /chat/completions` endpoint (OpenAI, vLLM, llama.cpp server,
 * Ollama, LiteLLM …). Node's fetch rather than the `openai` package: its current major requires Node 22, Tagih runs
 * on 20. One attempt, no retries: the caller has a fallback and a debtor is waiting.
 */
export function chatCompletions(o: ChatCompletionsOptions): ChatCompletions {
  const doFetch = o.fetch ?? fetch;
  const url = `${o.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const fail = (reason: string): null => {
    o.onFailure?.(reason);
    return null;
  };
  return {
    async complete(messages, options = {}) {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
          body: JSON.stringify({ model: o.model, messages, temperature: options.temperature ?? 0, max_tokens: options.maxTokens ?? 400, stream: false }),
          signal: AbortSignal.timeout(o.timeoutMs),
        });
      } catch (err) {
        return fail(err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? 'timeout' : 'network');
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return fail(`http_${res.status}`);
      }
      let json: unknown;
      try {
        json = await res.json();
      } catch {
        return fail('not_json');
      }
      const parsed = completion.safeParse(json);
      if (!parsed.success) return fail('bad_shape');
      return parsed.data.choices[0]?.message.content ?? fail('empty');
    },
  };
}
