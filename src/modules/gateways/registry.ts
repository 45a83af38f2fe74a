import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../config.ts';
import type { GatewayName } from '../../db/schema-gateways.ts';
import type { PaymentGateway } from './gateway.ts';
import { midtransGateway } from './midtrans.ts';
import { sandboxGateway } from './sandbox.ts';
import { xenditGateway } from './xendit.ts';

/** The gateways this process can use, built once from config; an unconfigured gateway is simply absent. */
export interface GatewayRegistry {
  get(name: GatewayName): PaymentGateway | undefined;
  /** The key sandbox notifications are signed with (random per process unless configured). */
  readonly sandboxKey: string | null;
}

export function gatewayRegistry(config: AppConfig['gateways']): GatewayRegistry {
  const gateways = new Map<GatewayName, PaymentGateway>();
  if (config.midtransServerKey) {
    gateways.set('midtrans', midtransGateway({ serverKey: config.midtransServerKey, apiUrl: config.midtransApiUrl, snapUrl: config.midtransSnapUrl }));
  }
  if (config.xenditCallbackToken) {
    // Without a secret key Xendit callbacks are still verified; only issuing new instruments fails.
    gateways.set('xendit', xenditGateway({ secretKey: config.xenditSecretKey ?? '', callbackToken: config.xenditCallbackToken, apiUrl: config.xenditApiUrl }));
  }
  const sandboxKey = config.sandboxEnabled ? (config.sandboxKey ?? randomBytes(32).toString('hex')) : null;
  if (sandboxKey) gateways.set('sandbox', sandboxGateway(sandboxKey));
  return { get: (name) => gateways.get(name), sandboxKey };
}
