#!/usr/bin/env node
// Entry point for `npx tagih`: runs the TypeScript sources through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
// `tagih … | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
