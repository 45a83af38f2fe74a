import type { AppDeps } from '../../../app-deps.ts';
import { DEFAULT_LOCKOUT, DEFAULT_PROMISE_POLICY, type LockoutPolicy, type PromisePolicy } from '../../../domain/assistant/index.ts';
import { sharedNlu, type Nlu } from '../nlu/nlu.ts';
import { casePolicyOf } from '../../cases/index.ts';
import { casesModulePort, type CasesPort } from './cases-port.ts';
import { createAssistantLlm, type AssistantLlm } from '../llm/assistant-llm.ts';

/** Everything a conversation turn needs, built once per app. Tests override the parts they pin. */
export interface AssistantRuntime {
  readonly deps: AppDeps;
  readonly nlu: () => Promise<Nlu>;
  readonly cases: CasesPort;
  readonly promisePolicy: PromisePolicy;
  readonly lockout: LockoutPolicy;
  /** Wrong account numbers a no-candidate conversation may try before it is refused. */
  readonly maxAccountAttempts: number;
  /** A conversation silent this long is ended; the next message starts a new one (and verification again). */
  readonly idleTimeoutMs: number;
  /** Calendar days in which a person reviews a relief request or payment trace. */
  readonly reviewSlaDays: number;
  /** Shown as the sender when no creditor is known yet. */
  readonly defaultBrand: string;
  /** The optional LLM (config `TAGIH_LLM_*`); null: no call is ever made. */
  readonly llm: AssistantLlm | null;
}

export function createAssistantRuntime(deps: AppDeps, overrides: Partial<Omit<AssistantRuntime, 'deps'>> = {}): AssistantRuntime {
  return {
    deps,
    nlu: sharedNlu,
    cases: casesModulePort(deps.config),
    // The bot never offers more room than the cases service would accept.
    promisePolicy: { ...DEFAULT_PROMISE_POLICY, maxDaysAhead: Math.min(DEFAULT_PROMISE_POLICY.maxDaysAhead, casePolicyOf(deps.config).ptpMaxDaysAhead) },
    lockout: DEFAULT_LOCKOUT,
    maxAccountAttempts: 5,
    idleTimeoutMs: 24 * 3600_000,
    reviewSlaDays: 5,
    defaultBrand: 'Tagih',
    llm: deps.config.llm ? createAssistantLlm(deps.config.llm) : null,
    ...overrides,
  };
}
