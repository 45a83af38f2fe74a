import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

/**
 * Builds the staff web app once when `web/dist` is missing, so `npm install && npm start` is enough.
 * Vite is a dev dependency; a production install ships a prebuilt `web/dist` instead.
 */
export async function ensureWebBuild(log: (msg: string) => void): Promise<void> {
  if (existsSync(`${WEB_ROOT}dist/index.html`) || !existsSync(`${WEB_ROOT}vite.config.ts`)) return;
  log('building the web app (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: `${WEB_ROOT}vite.config.ts`, logLevel: 'warn' });
}
