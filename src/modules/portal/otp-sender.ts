import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One OTP message to the debtor's registered phone. `text` carries the code; nothing else about the debt. */
export interface OtpMessage {
  readonly debtorId: string;
  readonly contactId: string;
  /** The registered number, decrypted only to hand it to the sender. */
  readonly phone: string;
  readonly code: string;
  readonly text: string;
  readonly expiresAt: Date;
}

/**
 * Where OTP codes go. A service message (not collection contact): it answers a request the debtor just made, so
 * contact hours and frequency caps do not apply. Production wires an SMS/WhatsApp gateway behind this port; the
 * default is the local sandbox.
 */
export interface OtpSender {
  send(message: OtpMessage): Promise<void>;
}

/** The sandbox file a local install writes OTPs to, one JSON object a line (mode 0600). */
export function sandboxOtpFile(dataDir: string): string {
  return join(dataDir, 'sandbox', 'portal-otp.jsonl');
}

/**
 * Default sender for a local install or demo: nothing leaves the machine; the code lands in
 * `<TAGIH_DATA_DIR>/sandbox/portal-otp.jsonl`, where the person trying the portal (or a test) reads it.
 */
export function sandboxOtpSender(dataDir: string): OtpSender {
  return {
    async send(m) {
      const file = sandboxOtpFile(dataDir);
      await mkdir(join(dataDir, 'sandbox'), { recursive: true, mode: 0o700 });
      const line = JSON.stringify({ debtor_id: m.debtorId, contact_id: m.contactId, phone: m.phone, code: m.code, text: m.text, expires_at: m.expiresAt.toISOString() });
      await appendFile(file, `${line}\n`, { mode: 0o600 });
    },
  };
}

/** The OTPs in the sandbox file, oldest first (for the demo and tests). */
export async function readSandboxOtps(dataDir: string): Promise<{ debtor_id: string; phone: string; code: string; text: string; expires_at: string }[]> {
  const raw = await readFile(sandboxOtpFile(dataDir), 'utf8').catch(() => '');
  return raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { debtor_id: string; phone: string; code: string; text: string; expires_at: string });
}
