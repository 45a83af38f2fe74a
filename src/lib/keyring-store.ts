import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PiiKeyring } from './pii-cipher.ts';

const keyFileSchema = z.object({
  active: z.string().min(1),
  keys: z.record(z.string(), z.string()),
  index_key: z.string(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

/** Where the keyring comes from: TAGIH_PII_KEYS (JSON) wins, else a key file (created with 0600 on first use). */
export function keyFilePath(config: { piiKeyFile: string | undefined; dataDir: string }): string {
  return config.piiKeyFile ?? join(config.dataDir, 'keys.json');
}

function toKeyring(file: KeyFile): PiiKeyring {
  const keys = new Map(Object.entries(file.keys).map(([kid, b64]) => [kid, Buffer.from(b64, 'base64')] as const));
  return { activeKeyId: file.active, keys, indexKey: Buffer.from(file.index_key, 'base64') };
}

export function newKeyFile(): KeyFile {
  return { active: 'k1', keys: { k1: randomBytes(32).toString('base64') }, index_key: randomBytes(32).toString('base64') };
}

export function loadKeyFile(config: { piiKeys: string | undefined; piiKeyFile: string | undefined; dataDir: string }): KeyFile {
  if (config.piiKeys) return keyFileSchema.parse(JSON.parse(config.piiKeys));
  const path = keyFilePath(config);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(newKeyFile(), null, 2), { mode: 0o600 });
  }
  return keyFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function loadKeyring(config: { piiKeys: string | undefined; piiKeyFile: string | undefined; dataDir: string }): PiiKeyring {
  return toKeyring(loadKeyFile(config));
}

/** Adds a fresh key, makes it active and saves the file; returns the new key id. */
export function addActiveKey(config: { piiKeys: string | undefined; piiKeyFile: string | undefined; dataDir: string }): { keyFile: KeyFile; keyId: string } {
  if (config.piiKeys) throw new Error('keys come from TAGIH_PII_KEYS; add the new key there and set "active" to it');
  const file = loadKeyFile(config);
  let n = Object.keys(file.keys).length + 1;
  while (`k${n}` in file.keys) n++;
  const keyId = `k${n}`;
  const next: KeyFile = { ...file, active: keyId, keys: { ...file.keys, [keyId]: randomBytes(32).toString('base64') } };
  writeFileSync(keyFilePath(config), JSON.stringify(next, null, 2), { mode: 0o600 });
  return { keyFile: next, keyId };
}

export { toKeyring };
