import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../../app-deps.ts';
import type { OrderState } from '../../domain/gateways/order-state.ts';
import { rupiah } from '../../domain/money.ts';
import { AppError } from '../../lib/app-error.ts';
import type { PaymentBooker } from './booking.ts';
import type { GatewayRegistry } from './registry.ts';
import * as repo from './repo.ts';
import { signSandboxNotification } from './sandbox.ts';
import { handleWebhook, type WebhookOutcome } from './webhook-service.ts';

export interface SimulateRequest {
  readonly instrumentId: string;
  readonly amount?: bigint | undefined;
  readonly status: OrderState;
  readonly orderId?: string | undefined;
}

/**
 * Plays the sandbox "bank": signs a notification for a sandbox instrument and feeds it through the same
 * verification and booking path as a real webhook. Used by the demo and `tagih gateway simulate`.
 */
export async function simulateSandboxPayment(deps: AppDeps, registry: GatewayRegistry, booker: PaymentBooker, req: SimulateRequest): Promise<WebhookOutcome & { readonly notification: object }> {
  const gateway = registry.get('sandbox');
  if (!gateway || !registry.sandboxKey) throw new AppError('TAGIH_UNAVAILABLE', 'the sandbox gateway is disabled (TAGIH_SANDBOX_GATEWAY=false)');
  const instrument = await repo.getInstrument(deps.db.kysely, req.instrumentId);
  if (!instrument || instrument.gateway !== 'sandbox') throw new AppError('TAGIH_NOT_FOUND', `sandbox instrument ${req.instrumentId} not found`);
  const amount = req.amount ?? instrument.amount_idr;
  if (amount === null || amount === undefined || amount <= 0n) throw new AppError('TAGIH_VALIDATION', 'amount_idr is required for an open VA');
  const now = deps.now();
  const notification = signSandboxNotification(registry.sandboxKey, {
    orderId: req.orderId ?? `SBX-PAY-${randomBytes(8).toString('hex')}`,
    instrumentRef: instrument.reference,
    status: req.status,
    amount: rupiah(amount),
    paidAt: req.status === 'paid' ? now : null,
  });
  const outcome = await handleWebhook(deps, booker, gateway, { headers: {}, body: notification, remoteIp: null });
  return { ...outcome, notification };
}
