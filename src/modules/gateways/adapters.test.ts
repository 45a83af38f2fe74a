import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeGatewayServer, type RecordedRequest } from '../../../test/support/fake-gateway-server.ts';
import { rupiah } from '../../domain/money.ts';
import { AppError } from '../../lib/app-error.ts';
import { midtransGateway, midtransSignature, midtransState } from './midtrans.ts';
import { sandboxGateway, sandboxVaNumber, signSandboxNotification } from './sandbox.ts';
import { xenditGateway } from './xendit.ts';

const SERVER_KEY = 'SB-Mid-server-TEST';

describe('Midtrans adapter', () => {
  const base = { order_id: 'ORDER-101', status_code: '200', gross_amount: '1150000.00', transaction_status: 'settlement', transaction_time: '2026-11-23 10:15:00', settlement_time: '2026-11-23 10:16:30' };
  const gw = midtransGateway({ serverKey: SERVER_KEY, apiUrl: 'http://127.0.0.1:9', snapUrl: 'http://127.0.0.1:9' });

  it('computes signature_key as SHA512(order_id + status_code + gross_amount + server_key)', () => {
    // Vector computed independently with `printf %s 'ORDER-1012001150000.00SB-Mid-server-TEST' | sha512sum`.
    expect(midtransSignature('ORDER-101', '200', '1150000.00', SERVER_KEY)).toBe(
      '3b2d4cb381c4d873df1e9094139358686e8c4aac0a835a4be9aa74dc93f216d61245d0136d7c45fb5aa5b9a296709041e0c1a1195f6da6598b0a556b9574093d',
    );
  });

  it('accepts a correctly signed settlement and reads amount and time (Jakarta time)', () => {
    const out = gw.verifyNotification({ headers: {}, body: { ...base, signature_key: midtransSignature('ORDER-101', '200', '1150000.00', SERVER_KEY) } });
    expect(out).toEqual({
      ok: true,
      notification: { orderRef: 'ORDER-101', instrumentRef: 'ORDER-101', state: 'paid', reportedStatus: 'settlement', amount: 1150000n, paidAt: new Date('2026-11-23T03:16:30Z') },
    });
  });

  it('rejects a signature made with another key, or over another amount', () => {
    const wrongKey = gw.verifyNotification({ headers: {}, body: { ...base, signature_key: midtransSignature('ORDER-101', '200', '1150000.00', 'other') } });
    expect(wrongKey).toMatchObject({ ok: false, verdict: 'bad_signature', orderRef: 'ORDER-101' });
    const tampered = gw.verifyNotification({ headers: {}, body: { ...base, gross_amount: '9150000.00', signature_key: midtransSignature('ORDER-101', '200', '1150000.00', SERVER_KEY) } });
    expect(tampered).toMatchObject({ ok: false, verdict: 'bad_signature' });
  });

  it('calls a notification without the signed fields malformed', () => {
    expect(gw.verifyNotification({ headers: {}, body: { order_id: 'X' } })).toMatchObject({ ok: false, verdict: 'malformed', orderRef: 'X' });
    expect(gw.verifyNotification({ headers: {}, body: 'nonsense' })).toMatchObject({ ok: false, verdict: 'malformed', orderRef: null });
  });

  it('maps statuses, holding card captures under fraud review', () => {
    expect(midtransState('settlement', undefined)).toBe('paid');
    expect(midtransState('capture', 'accept')).toBe('paid');
    expect(midtransState('capture', 'challenge')).toBe('pending');
    expect(midtransState('capture', 'deny')).toBe('failed');
    expect(midtransState('deny', undefined)).toBe('failed');
    expect(midtransState('cancel', undefined)).toBe('cancelled');
    expect(midtransState('expire', undefined)).toBe('expired');
    expect(midtransState('refund', undefined)).toBe('refunded');
    expect(midtransState('partial_refund', undefined)).toBeNull();
  });
});

describe('gateway HTTP requests against a loopback fake', () => {
  let server: Awaited<ReturnType<typeof fakeGatewayServer>>;
  let next: (r: RecordedRequest) => { status: number; body: unknown } = () => ({ status: 500, body: {} });
  beforeAll(async () => {
    server = await fakeGatewayServer((r) => next(r));
  });
  afterAll(async () => server.close());

  const req = { reference: 'TGH-VA-KTA-0001-ab', accountNo: 'KTA-0001', customerName: 'Budi Santoso', amount: rupiah(1_250_000), bank: 'bca', expiresAt: null, description: 'Pembayaran KTA-0001' };

  it('Midtrans VA: Core API charge with bank_transfer, Basic auth with the server key', async () => {
    next = () => ({ status: 200, body: { status_code: '201', transaction_id: 'tx-1', order_id: req.reference, va_numbers: [{ bank: 'bca', va_number: '12345678901' }], transaction_status: 'pending' } });
    const gw = midtransGateway({ serverKey: SERVER_KEY, apiUrl: server.url, snapUrl: `${server.url}/snap/v1` });
    const out = await gw.createVirtualAccount(req);
    expect(out).toMatchObject({ externalId: 'tx-1', vaNumber: '12345678901', bank: 'bca' });
    const sent = server.requests.at(-1)!;
    expect(sent.path).toBe('/v2/charge');
    expect(sent.authorization).toBe(`Basic ${Buffer.from(`${SERVER_KEY}:`).toString('base64')}`);
    expect(sent.body).toMatchObject({ payment_type: 'bank_transfer', transaction_details: { order_id: req.reference, gross_amount: 1250000 }, bank_transfer: { bank: 'bca' } });
  });

  it('Midtrans: a refused charge (HTTP 200 with status_code 4xx) becomes TAGIH_UNAVAILABLE', async () => {
    next = () => ({ status: 200, body: { status_code: '406', status_message: 'Duplicate order ID' } });
    const gw = midtransGateway({ serverKey: SERVER_KEY, apiUrl: server.url, snapUrl: server.url });
    await expect(gw.createVirtualAccount(req)).rejects.toThrow(/Duplicate order ID/);
  });

  it('Midtrans link: Snap transaction returns redirect_url', async () => {
    next = () => ({ status: 201, body: { token: 'snap-token', redirect_url: 'https://app.sandbox.midtrans.com/snap/v4/redirection/snap-token' } });
    const gw = midtransGateway({ serverKey: SERVER_KEY, apiUrl: server.url, snapUrl: `${server.url}/snap/v1` });
    const out = await gw.createPaymentLink(req);
    expect(out.paymentUrl).toContain('snap-token');
    expect(server.requests.at(-1)!.path).toBe('/snap/v1/transactions');
  });

  it('Xendit VA: callback_virtual_accounts with upper-case bank code, open or closed amount', async () => {
    next = () => ({ status: 200, body: { id: 'va-1', external_id: req.reference, account_number: '107669999999', bank_code: 'BCA', status: 'PENDING', expiration_date: '2057-11-23T00:00:00.000Z' } });
    const gw = xenditGateway({ secretKey: 'xnd_development_x', callbackToken: 'tok', apiUrl: server.url });
    const out = await gw.createVirtualAccount({ ...req, amount: null });
    expect(out).toMatchObject({ externalId: 'va-1', vaNumber: '107669999999', expiresAt: new Date('2057-11-23T00:00:00.000Z') });
    const sent = server.requests.at(-1)!;
    expect(sent.path).toBe('/callback_virtual_accounts');
    expect(sent.authorization).toBe(`Basic ${Buffer.from('xnd_development_x:').toString('base64')}`);
    expect(sent.body).toEqual({ external_id: req.reference, bank_code: 'BCA', name: 'Budi Santoso', is_single_use: false, is_closed: false });
  });

  it('Xendit link: v2/invoices; an HTTP error names the gateway message', async () => {
    next = () => ({ status: 200, body: { id: 'inv-1', external_id: req.reference, status: 'PENDING', invoice_url: 'https://checkout.xendit.co/web/inv-1', expiry_date: '2026-12-01T00:00:00.000Z' } });
    const gw = xenditGateway({ secretKey: 'k', callbackToken: 'tok', apiUrl: server.url });
    expect((await gw.createPaymentLink(req)).paymentUrl).toBe('https://checkout.xendit.co/web/inv-1');
    expect(server.requests.at(-1)!.body).toMatchObject({ external_id: req.reference, amount: 1250000, currency: 'IDR' });
    next = () => ({ status: 400, body: { error_code: 'API_VALIDATION_ERROR', message: 'amount too small' } });
    const err = await gw.createPaymentLink(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('TAGIH_UNAVAILABLE');
    expect((err as AppError).message).toMatch(/amount too small/);
  });
});

describe('Xendit callback verification', () => {
  const gw = xenditGateway({ secretKey: 'k', callbackToken: 'verification-token-123', apiUrl: 'http://127.0.0.1:9' });
  const vaPaid = { id: 'cb-1', payment_id: 'pay-1', callback_virtual_account_id: 'va-1', external_id: 'TGH-VA-1', account_number: '107669999999', bank_code: 'BCA', amount: 500000, transaction_timestamp: '2026-11-23T03:00:00.000Z' };

  it('accepts x-callback-token equal to the verification token, and only that', () => {
    expect(gw.verifyNotification({ headers: { 'x-callback-token': 'verification-token-123' }, body: vaPaid })).toEqual({
      ok: true,
      notification: { orderRef: 'pay-1', instrumentRef: 'TGH-VA-1', state: 'paid', reportedStatus: 'VA_PAID', amount: 500000n, paidAt: new Date('2026-11-23T03:00:00.000Z') },
    });
    expect(gw.verifyNotification({ headers: { 'x-callback-token': 'verification-token-124' }, body: vaPaid })).toMatchObject({ ok: false, verdict: 'bad_signature' });
    expect(gw.verifyNotification({ headers: {}, body: vaPaid })).toMatchObject({ ok: false, verdict: 'bad_signature' });
    expect(gw.verifyNotification({ headers: { 'x-callback-token': ['verification-token-123', 'x'] }, body: vaPaid })).toMatchObject({ ok: false, verdict: 'bad_signature' });
  });

  it('reads invoice callbacks (PAID uses paid_amount, EXPIRED books nothing)', () => {
    const h = { 'x-callback-token': 'verification-token-123' };
    const paid = gw.verifyNotification({ headers: h, body: { id: 'inv-1', external_id: 'TGH-PL-1', status: 'PAID', amount: 300000, paid_amount: 300000, paid_at: '2026-11-23T04:00:00.000Z' } });
    expect(paid).toMatchObject({ ok: true, notification: { orderRef: 'inv-1', instrumentRef: 'TGH-PL-1', state: 'paid', amount: 300000n } });
    const expired = gw.verifyNotification({ headers: h, body: { id: 'inv-1', external_id: 'TGH-PL-1', status: 'EXPIRED', amount: 300000 } });
    expect(expired).toMatchObject({ ok: true, notification: { state: 'expired', paidAt: null } });
    expect(gw.verifyNotification({ headers: h, body: { ...vaPaid, amount: 10.5 } })).toMatchObject({ ok: false, verdict: 'malformed' });
    // A VA becoming ACTIVE moves no money: acknowledged with no state, so it books nothing and Xendit stops retrying.
    const activated = gw.verifyNotification({ headers: h, body: { id: 'va-1', owner_id: 'o', external_id: 'TGH-VA-1', account_number: '107669999999', bank_code: 'BCA', status: 'ACTIVE' } });
    expect(activated).toMatchObject({ ok: true, notification: { orderRef: 'va:va-1', state: null, reportedStatus: 'VA_ACTIVE' } });
  });
});

describe('sandbox gateway', () => {
  it('issues the same VA number for the same account and bank, different ones otherwise', async () => {
    expect(sandboxVaNumber('KTA-0001', 'bca')).toBe(sandboxVaNumber('KTA-0001', 'bca'));
    expect(sandboxVaNumber('KTA-0001', 'bca')).toMatch(/^3901\d{12}$/);
    expect(sandboxVaNumber('KTA-0002', 'bca')).not.toBe(sandboxVaNumber('KTA-0001', 'bca'));
  });

  it('verifies its HMAC signature and rejects a changed amount', () => {
    const gw = sandboxGateway('k'.repeat(32));
    const n = signSandboxNotification('k'.repeat(32), { orderId: 'o1', instrumentRef: 'SBX-VA-bca-KTA-0001', status: 'paid', amount: rupiah(1000), paidAt: new Date('2026-11-23T00:00:00Z') });
    expect(gw.verifyNotification({ headers: {}, body: n })).toMatchObject({ ok: true, notification: { orderRef: 'o1', state: 'paid', amount: 1000n } });
    expect(gw.verifyNotification({ headers: {}, body: { ...n, amount: '100000' } })).toMatchObject({ ok: false, verdict: 'bad_signature' });
  });
});
