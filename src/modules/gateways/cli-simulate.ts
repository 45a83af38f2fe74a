import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap.ts';
import { InputError, UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { ORDER_STATES, type OrderState } from '../../domain/gateways/order-state.ts';
import { AppError } from '../../lib/app-error.ts';
import { ensureSandboxVa } from './instrument-service.ts';
import { paymentsBooker } from '../../flows/payment-booking.ts';
import { gatewayRegistry } from './registry.ts';
import { simulateSandboxPayment } from './simulate.ts';

/**
 * `tagih gateway simulate --account NO --amount N`: the debtor pays into the account's sandbox VA. The
 * notification is signed and goes through the same verification, state machine and booking as a webhook.
 */
export const gatewaySimulateCommand: CliCommand = {
  summary: 'Sandbox gateway: simulate a payment into an account’s sandbox VA (signed notification → booking)',
  usage: '--account ACCOUNT_NO --amount RUPIAH [--bank bca] [--status paid|pending|expired|refunded] [--order ORDER_ID]',
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { account: { type: 'string' }, amount: { type: 'string' }, bank: { type: 'string', default: 'bca' }, status: { type: 'string', default: 'paid' }, order: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    if (!values.account || !values.amount) throw new UsageError('--account and --amount are required');
    if (!/^\d+$/.test(values.amount) || BigInt(values.amount) <= 0n) throw new InputError(`--amount must be whole positive rupiah, got "${values.amount}"`);
    const status = values.status as OrderState;
    if (!ORDER_STATES.includes(status)) throw new UsageError(`--status must be one of ${ORDER_STATES.join(', ')}`);
    const deps = await bootstrap(ctx.config);
    try {
      const registry = gatewayRegistry(deps.config.gateways);
      const account = await deps.db.kysely.selectFrom('accounts').select('id').where('account_no', '=', values.account).executeTakeFirst();
      if (!account) throw new InputError(`account ${values.account} not found`);
      const va = await ensureSandboxVa(deps, registry, account.id, values.bank);
      const out = await simulateSandboxPayment(deps, registry, paymentsBooker, { instrumentId: va.id, amount: BigInt(values.amount), status, orderId: values.order });
      writeJsonLine(ctx.stdout, { account_no: values.account, va_number: va.va_number, verdict: out.verdict, order_ref: out.order_ref, payment_id: out.payment_id });
      return 0;
    } catch (err) {
      if (err instanceof AppError && err.statusCode < 500) throw new InputError(err.message);
      throw err;
    } finally {
      await deps.db.close();
    }
  },
};
