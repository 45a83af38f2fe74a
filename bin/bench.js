#!/usr/bin/env node
// `npm run bench -- NAME [args]` runs bench/NAME.ts.
import { register } from 'tsx/esm/api';
import { existsSync, readdirSync } from 'node:fs';

register();
const [name, ...rest] = process.argv.slice(2);
const file = new URL(`../bench/${name}.ts`, import.meta.url);
if (!name || !existsSync(file)) {
  const names = readdirSync(new URL('../bench/', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
  console.error(`usage: npm run bench -- NAME\navailable: ${names.join(', ')}`);
  process.exit(2);
}
const mod = await import(file.href);
await mod.run(rest);
