import type { Kysely } from 'kysely';
import type { AppConfig } from '../../../config.ts';
import type { Database } from '../../../db/schema.ts';
import type { AdapterRegistry } from './adapter.ts';
import { emailAdapter } from './email.ts';
import { httpSmsAdapter } from './http-sms.ts';
import { sandboxAdapter } from './sandbox.ts';
import { whatsAppAdapter } from './whatsapp.ts';
import { workQueueAdapter } from './work-queue.ts';

/**
 * The adapters the configuration asks for: each electronic channel goes to its real provider when
 * configured (TAGIH_SMS_URL, WHATSAPP_PHONE_NUMBER_ID + WHATSAPP_TOKEN, SMTP_URL) and to the local
 * sandbox otherwise, so a fresh install sends nothing to anyone. Voice and field become work items.
 */
export function adaptersFromConfig(config: AppConfig, db: Kysely<Database>, now: () => Date): { adapters: AdapterRegistry; close(): void } {
  const sandbox = sandboxAdapter(db);
  const tasks = workQueueAdapter(db, now);
  const email = config.smtpUrl ? emailAdapter({ smtpUrl: config.smtpUrl, from: config.channels.emailFrom }) : null;
  const adapters: AdapterRegistry = {
    sms: config.channels.sms ? httpSmsAdapter(config.channels.sms) : sandbox,
    whatsapp: config.channels.whatsapp ? whatsAppAdapter(config.channels.whatsapp) : sandbox,
    email: email ?? sandbox,
    voice: tasks,
    field: tasks,
  };
  return { adapters, close: () => email?.close() };
}
