import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  TAGIH_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** JSON `{"active":"k1","keys":{"k1":"<base64 32 bytes>"}}`; when absent a key file under the data dir is used (created on first start). */
  TAGIH_PII_KEYS: z.string().optional(),
  TAGIH_PII_KEY_FILE: z.string().optional(),
  TAGIH_DEMO_ACCOUNTS: z.coerce.number().int().min(0).default(2000),
  TAGIH_DAILY_RUN_AT: z.string().regex(/^\d{2}:\d{2}$/).default('02:00'),
  /** Zone of TAGIH_DAILY_RUN_AT and of the daily run's business date (each account still uses its debtor's zone). */
  TAGIH_DAILY_ZONE: z.string().default('Asia/Jakarta'),
  TAGIH_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  /** Comma-separated addresses/CIDRs of reverse proxies whose X-Forwarded-For is trusted (login throttling is per client IP). */
  TAGIH_TRUST_PROXY: z.string().default(''),
  MIDTRANS_SERVER_KEY: z.string().optional(),
  XENDIT_CALLBACK_TOKEN: z.string().optional(),
  MIDTRANS_API_URL: z.string().url().default('https://api.sandbox.midtrans.com'),
  MIDTRANS_SNAP_URL: z.string().url().default('https://app.sandbox.midtrans.com/snap/v1'),
  XENDIT_SECRET_KEY: z.string().optional(),
  XENDIT_API_URL: z.string().url().default('https://api.xendit.co'),
  /** The offline sandbox gateway (demo). Set to false in production: it lets payments-writers simulate money. */
  TAGIH_SANDBOX_GATEWAY: z.enum(['true', 'false']).default('true'),
  /** HMAC key of sandbox notifications; when absent a random key per process is used (only in-process simulation can sign). */
  TAGIH_SANDBOX_GATEWAY_KEY: z.string().min(16).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  WHATSAPP_APP_SECRET: z.string().optional(),
  /** WhatsApp Cloud API (same names as the send path's adapter); without them the assistant's replies are stored for agents only. */
  WHATSAPP_API_URL: z.url().default('https://graph.facebook.com/v21.0'),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  WHATSAPP_TOKEN: z.string().optional(),
  SMTP_URL: z.string().optional(),
  TAGIH_PTP_MAX_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  TAGIH_DISPUTE_SLA_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  TAGIH_COMPLAINT_SLA_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Outbound channels: each one set goes to its real provider; unset channels deliver to the local sandbox. */
  TAGIH_SMS_URL: z.url().optional(),
  TAGIH_SMS_TOKEN: z.string().optional(),
  TAGIH_SMS_SENDER: z.string().default('TAGIH'),
  TAGIH_EMAIL_FROM: z.string().default('Tagih <noreply@tagih.local>'),
  /** Dispatcher loops `tagih serve` runs in-process (0: run `tagih worker dispatch` separately). */
  TAGIH_DISPATCHERS: z.coerce.number().int().min(0).max(64).default(1),
  /** Optional LLM for the debtor assistant (OpenAI-compatible `POST {base}/chat/completions`); off unless base URL and model are set. */
  TAGIH_LLM_BASE_URL: z.url().optional(),
  TAGIH_LLM_MODEL: z.string().min(1).optional(),
  TAGIH_LLM_API_KEY: z.string().optional(),
  TAGIH_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  /** The LLM is asked to classify a message only when the local model's best score is below this. */
  TAGIH_LLM_CLASSIFY_BELOW: z.coerce.number().min(0).max(1).default(0.5),
  TAGIH_LLM_CLASSIFY: z.enum(['true', 'false']).default('true'),
  TAGIH_LLM_PHRASE: z.enum(['true', 'false']).default('true'),
  /** Web chat event streams wake on NOTIFY; this slow poll only covers a lost notification. */
  TAGIH_CHAT_EVENTS_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Requests per minute per client IP on the public debtor routes (web chat, portal login, WhatsApp assistant webhook). */
  TAGIH_RATE_LIMIT_WEB_CHAT: z.coerce.number().int().min(1).default(120),
  /** Chat messages per minute per conversation token (across IPs). */
  TAGIH_RATE_LIMIT_CHAT_TOKEN: z.coerce.number().int().min(1).default(30),
  TAGIH_RATE_LIMIT_PORTAL_LOGIN: z.coerce.number().int().min(1).default(60),
  TAGIH_RATE_LIMIT_WHATSAPP_WEBHOOK: z.coerce.number().int().min(1).default(1200),
});

/** The typed configuration, parsed once at boot and passed down; modules never read `process.env`. */
export interface AppConfig {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly piiKeys: string | undefined;
  readonly piiKeyFile: string | undefined;
  readonly demoAccounts: number;
  readonly dailyRunAt: string;
  readonly dailyZone: string;
  readonly secureCookies: boolean;
  readonly trustedProxies: readonly string[];
  readonly gateways: {
    readonly midtransServerKey: string | undefined;
    readonly xenditCallbackToken: string | undefined;
    readonly midtransApiUrl: string;
    readonly midtransSnapUrl: string;
    readonly xenditSecretKey: string | undefined;
    readonly xenditApiUrl: string;
    readonly sandboxEnabled: boolean;
    readonly sandboxKey: string | undefined;
  };
  readonly whatsapp: { readonly verifyToken: string | undefined; readonly appSecret: string | undefined };
  readonly smtpUrl: string | undefined;
  /** Promise-to-pay horizon and dispute/complaint SLA days (work cases module). */
  readonly cases: { readonly ptpMaxDaysAhead: number; readonly disputeSlaDays: number; readonly complaintSlaDays: number };
  readonly channels: {
    readonly sms: { readonly url: string; readonly token: string | undefined; readonly sender: string } | null;
    readonly whatsapp: { readonly baseUrl: string; readonly phoneNumberId: string; readonly token: string } | null;
    readonly emailFrom: string;
  };
  readonly dispatchers: number;
  /** The assistant's optional LLM; null (the default) means no call is ever made. */
  readonly llm: {
    readonly baseUrl: string;
    readonly model: string;
    readonly apiKey: string | undefined;
    readonly timeoutMs: number;
    readonly classifyBelow: number;
    readonly classify: boolean;
    readonly phrase: boolean;
  } | null;
  /** Fallback poll of the web chat's server-sent events (they wake on LISTEN/NOTIFY). */
  readonly chatEventsPollMs: number;
  /** Per-minute request limits on the public debtor routes (per client IP unless said otherwise; in-process, so per node). */
  readonly rateLimits: { readonly webChatPerIp: number; readonly chatPerToken: number; readonly portalLoginPerIp: number; readonly whatsappWebhookPerIp: number };
}

/** Parses the environment; throws a readable error naming the bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  // An exported-but-empty variable (DATABASE_URL=) means "not set", as shells and .env files use it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.TAGIH_DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    piiKeys: e.TAGIH_PII_KEYS,
    piiKeyFile: e.TAGIH_PII_KEY_FILE,
    demoAccounts: e.TAGIH_DEMO_ACCOUNTS,
    dailyRunAt: e.TAGIH_DAILY_RUN_AT,
    dailyZone: e.TAGIH_DAILY_ZONE,
    secureCookies: e.TAGIH_SECURE_COOKIES === 'true',
    trustedProxies: e.TAGIH_TRUST_PROXY.split(',').map((p) => p.trim()).filter(Boolean),
    gateways: {
      midtransServerKey: e.MIDTRANS_SERVER_KEY,
      xenditCallbackToken: e.XENDIT_CALLBACK_TOKEN,
      midtransApiUrl: e.MIDTRANS_API_URL.replace(/\/+$/, ''),
      midtransSnapUrl: e.MIDTRANS_SNAP_URL.replace(/\/+$/, ''),
      xenditSecretKey: e.XENDIT_SECRET_KEY,
      xenditApiUrl: e.XENDIT_API_URL.replace(/\/+$/, ''),
      sandboxEnabled: e.TAGIH_SANDBOX_GATEWAY === 'true',
      sandboxKey: e.TAGIH_SANDBOX_GATEWAY_KEY,
    },
    whatsapp: { verifyToken: e.WHATSAPP_VERIFY_TOKEN, appSecret: e.WHATSAPP_APP_SECRET },
    smtpUrl: e.SMTP_URL,
    cases: { ptpMaxDaysAhead: e.TAGIH_PTP_MAX_DAYS, disputeSlaDays: e.TAGIH_DISPUTE_SLA_DAYS, complaintSlaDays: e.TAGIH_COMPLAINT_SLA_DAYS },
    channels: {
      sms: e.TAGIH_SMS_URL ? { url: e.TAGIH_SMS_URL, token: e.TAGIH_SMS_TOKEN, sender: e.TAGIH_SMS_SENDER } : null,
      whatsapp:
        e.WHATSAPP_PHONE_NUMBER_ID && e.WHATSAPP_TOKEN ? { baseUrl: e.WHATSAPP_API_URL, phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID, token: e.WHATSAPP_TOKEN } : null,
      emailFrom: e.TAGIH_EMAIL_FROM,
    },
    dispatchers: e.TAGIH_DISPATCHERS,
    llm:
      e.TAGIH_LLM_BASE_URL && e.TAGIH_LLM_MODEL
        ? {
            baseUrl: e.TAGIH_LLM_BASE_URL.replace(/\/+$/, ''),
            model: e.TAGIH_LLM_MODEL,
            apiKey: e.TAGIH_LLM_API_KEY,
            timeoutMs: e.TAGIH_LLM_TIMEOUT_MS,
            classifyBelow: e.TAGIH_LLM_CLASSIFY_BELOW,
            classify: e.TAGIH_LLM_CLASSIFY === 'true',
            phrase: e.TAGIH_LLM_PHRASE === 'true',
          }
        : null,
    chatEventsPollMs: e.TAGIH_CHAT_EVENTS_POLL_MS,
    rateLimits: {
      webChatPerIp: e.TAGIH_RATE_LIMIT_WEB_CHAT,
      chatPerToken: e.TAGIH_RATE_LIMIT_CHAT_TOKEN,
      portalLoginPerIp: e.TAGIH_RATE_LIMIT_PORTAL_LOGIN,
      whatsappWebhookPerIp: e.TAGIH_RATE_LIMIT_WHATSAPP_WEBHOOK,
    },
  };
}
