import { buildApp } from './app.ts';
import type { AppDeps } from './app-deps.ts';

/** Starts listening; everything else is built by `buildApp`. */
export async function listen(deps: AppDeps): Promise<{ close(): Promise<void>; url: string }> {
  const app = await buildApp(deps);
  const url = await app.listen({ port: deps.config.port, host: deps.config.host });
  return { url, close: () => app.close() };
}
