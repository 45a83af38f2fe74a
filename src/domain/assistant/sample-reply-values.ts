import type { ReplyValues } from './render-reply.ts';

/** Every reply variable filled, for tests that render the whole catalogue. */
export const SAMPLE_REPLY_VALUES: Required<ReplyValues> = {
  name: 'Budi Santoso',
  amount: 1_250_000n,
  dueDate: '2026-12-10',
  promiseDate: '2026-12-05',
  vaNumber: '8808001234567890',
  accountNo: 'KTA-0001',
  reference: 'DSP-7F3A9C21',
  slaDate: '2026-12-14',
  minAmount: 450_000n,
  maxDate: '2026-12-14',
  attemptsLeft: 2,
  channels: 'WhatsApp',
};
