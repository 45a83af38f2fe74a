import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import type { Intent } from './nlu/intents.ts';
import type { DialogueIntent } from '../../domain/assistant/index.ts';
import { agentRoutes } from './agent-routes.ts';
import { webChatRoutes } from './channels/web-routes.ts';
import { whatsappRoutes } from './channels/whatsapp-routes.ts';
import { cloudApiSender as cloudSender, type WhatsAppSender } from './channels/whatsapp-sender.ts';
import { createAssistantRuntime, type AssistantRuntime } from './dialogue/runtime.ts';

export { createAssistantRuntime, type AssistantRuntime } from './dialogue/runtime.ts';
export { handleInbound, openConversation, type InboundMessage, type TurnOutcome } from './dialogue/conversation-turn.ts';
export type { CasesPort } from './dialogue/cases-port.ts';
// Review requests, work items and channel consent are shared with the debtor portal (one writer per table).
export { insertRequest, insertWorkItem, ownContacts, recordChannelConsent, type NewRequest, type NewWorkItem as NewReviewWorkItem } from './dialogue/repo.ts';
export { newReference } from './dialogue/cases-port.ts';
export { cloudApiSender, type WhatsAppSender } from './channels/whatsapp-sender.ts';

// The domain keeps its own copy of the intent labels; this fails to compile if the two lists ever differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const intentListsAgree: Same<Intent, DialogueIntent> = true;
void intentListsAgree;

export interface AssistantModuleOptions {
  readonly deps: AppDeps;
  /** Overrides for tests (clock-free policies, a fake NLU or cases port). */
  readonly runtime?: AssistantRuntime;
  /** Sends WhatsApp replies; without one, replies are stored for agents and nothing leaves. */
  readonly whatsappSender?: WhatsAppSender | null;
}

/** The debtor assistant: web chat widget API, WhatsApp webhook, handoff queue and containment metrics. */
export const assistantModule: FastifyPluginAsyncZod<AssistantModuleOptions> = async (app, opts) => {
  const rt = opts.runtime ?? createAssistantRuntime(opts.deps);
  const cloud = opts.deps.config.channels.whatsapp;
  const configured = cloud ? cloudSender({ accessToken: cloud.token, phoneNumberId: cloud.phoneNumberId, baseUrl: cloud.baseUrl }) : null;
  const sender = opts.whatsappSender === undefined ? configured : opts.whatsappSender;
  await app.register(webChatRoutes, { rt });
  await app.register(whatsappRoutes, { rt, sender });
  await app.register(agentRoutes, { rt, sender });
};
