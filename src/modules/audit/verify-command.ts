import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap.ts';
import { writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { verifyAuditChain } from './service.ts';

/** `tagih audit verify`: walks the hash chain; exit 1 names the first row that was edited or follows a deletion. */
export const auditVerifyCommand: CliCommand = {
  summary: 'Verify the tamper-evident audit log hash chain',
  usage: '',
  async run(args, ctx) {
    parseArgs({ args, options: {}, strict: true, allowPositionals: false });
    const deps = await bootstrap(ctx.config);
    try {
      const r = await verifyAuditChain(deps.db.kysely);
      if (r.ok) {
        writeJsonLine(ctx.stdout, { ok: true, rows: r.rows, last_hash: r.lastHash });
        return 0;
      }
      writeJsonLine(ctx.stdout, { ok: false, rows: r.rows, broken_at_seq: r.brokenAtSeq, reason: r.reason });
      const why = r.reason === 'hash_mismatch' ? 'its content does not match its hash (the row was edited)' : 'its prev_hash does not match the row before it (a row before it was deleted or inserted)';
      ctx.stderr.write(`audit log broken at seq ${r.brokenAtSeq}: ${why}; ${r.rows} rows before it verify\n`);
      return 1;
    } finally {
      await deps.db.close();
    }
  },
};
