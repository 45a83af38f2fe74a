import { describe, expect, it } from 'vitest';
import { cliTargets, runCli } from '../../../test/support/cli-db.ts';
import { bootstrap } from '../../bootstrap.ts';
import { createAccount } from '../payments/test-fixtures.ts';
import { sandboxVaNumber } from './sandbox.ts';

describe.each(cliTargets)('tagih gateway simulate on $name', (target) => {
  it('pays into the account’s sandbox VA through the signed webhook path, once per order', async () => {
    const { config, cleanup } = await target.create();
    try {
      const deps = await bootstrap(config);
      await createAccount(deps.db.kysely, { accountNo: 'CLI-0001', outstanding: 2_000_000n, schedule: [{ seq: 1, dueDate: '2026-10-01', principal: 2_000_000n }] });
      await deps.db.close();

      const first = await runCli(['gateway', 'simulate', '--account', 'CLI-0001', '--amount', '500000', '--order', 'SIM-1'], config);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ account_no: 'CLI-0001', va_number: sandboxVaNumber('CLI-0001', 'bca'), verdict: 'booked', order_ref: 'SIM-1' });
      const replay = await runCli(['gateway', 'simulate', '--account', 'CLI-0001', '--amount', '500000', '--order', 'SIM-1'], config);
      expect(JSON.parse(replay.stdout)).toMatchObject({ verdict: 'ignored', order_ref: 'SIM-1' });

      const check = await bootstrap(config);
      const account = await check.db.kysely.selectFrom('accounts').select('outstanding_idr').where('account_no', '=', 'CLI-0001').executeTakeFirstOrThrow();
      await check.db.close();
      expect(account.outstanding_idr).toBe(1_500_000n);

      expect((await runCli(['gateway', 'simulate', '--account', 'NOPE', '--amount', '1'], config)).code).toBe(1);
      expect((await runCli(['gateway', 'simulate', '--account', 'CLI-0001', '--amount', '1,5'], config)).code).toBe(1);
      expect((await runCli(['gateway', 'simulate', '--amount', '1'], config)).code).toBe(2);
    } finally {
      await cleanup();
    }
  }, 120_000);
});
