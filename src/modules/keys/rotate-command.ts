import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap.ts';
import { InputError, UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { addActiveKey, loadKeyring, toKeyring } from '../../lib/keyring-store.ts';
import { createPiiCipher } from '../../lib/pii-cipher.ts';
import { audit, SYSTEM_ACTOR } from '../audit/index.ts';
import { reencryptAll } from './reencrypt.ts';

/** `tagih keys rotate`: a new active PII key, then every envelope rewritten under it. */
export const keysRotateCommand: CliCommand = {
  summary: 'Add a new PII encryption key and re-encrypt all stored personal data under it',
  usage:
    '[--resume] [--batch-size N]\n  --resume  do not add a key; finish re-encrypting under the current active key (after an interrupted run)\n' +
    '  Running servers keep the keyring they started with: restart them after a rotation so they can read the new key.',
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { resume: { type: 'boolean', default: false }, 'batch-size': { type: 'string' } }, strict: true, allowPositionals: false });
    const batchSize = values['batch-size'] === undefined ? 500 : Number(values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError('--batch-size must be a positive integer');
    const deps = await bootstrap(ctx.config);
    try {
      let keyring = loadKeyring(ctx.config);
      if (!values.resume) {
        try {
          keyring = toKeyring(addActiveKey(ctx.config).keyFile);
        } catch (err) {
          throw new InputError((err as Error).message);
        }
      }
      const cipher = createPiiCipher(keyring);
      const started = Date.now();
      const result = await reencryptAll(deps.db.kysely, cipher, { batchSize });
      await audit(deps.db.kysely, {
        actor: { ...SYSTEM_ACTOR, label: 'cli' },
        action: 'keys.rotated',
        entityType: 'pii_key',
        entityId: cipher.activeKeyId,
        details: { resumed: values.resume, reencrypted: result.reencrypted, by_column: result.byColumn },
      });
      ctx.stderr.write(`re-encrypted ${result.reencrypted} values under key ${cipher.activeKeyId} in ${Date.now() - started} ms; restart running servers so they load the new key\n`);
      writeJsonLine(ctx.stdout, { key_id: cipher.activeKeyId, reencrypted: result.reencrypted });
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
