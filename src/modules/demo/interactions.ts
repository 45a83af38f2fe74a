import { addDays } from '../../domain/dates.ts';
import { formatRupiah, rupiah, type Rupiah } from '../../domain/money.ts';
import { isContactDay, localInstant } from './calendar.ts';
import type { Rng } from './prng.ts';

export const DEMO_VOICE_OUTCOMES = ['no_answer', 'busy', 'rpc', 'ptp', 'refused', 'wrong_number', 'callback_requested'] as const;

export interface DemoInteraction {
  readonly channel: 'sms' | 'whatsapp' | 'voice' | 'field' | 'chat';
  readonly direction: 'inbound' | 'outbound';
  readonly outcome: string;
  readonly notes: string;
  readonly occurredAt: Date;
  /** Calls and visits are made by a person: the writer credits them to the assigned agent, if any. */
  readonly byAgent: boolean;
}

export interface InteractionContext {
  readonly asOf: string;
  readonly zone: string;
  readonly dpd: number;
  readonly product: string;
  readonly instalment: Rupiah;
  readonly whatsappOptOut: boolean;
  readonly smsOptOut: boolean;
}

const VOICE_WEIGHTS = [
  ['no_answer', 30],
  ['busy', 10],
  ['rpc', 20],
  ['ptp', 15],
  ['refused', 5],
  ['wrong_number', 3],
  ['callback_requested', 10],
] as const;

/** Rounds to Rp50.000 so promised amounts look like what people actually promise. */
function roundAmount(x: Rupiah): Rupiah {
  const r = (x / 50_000n) * 50_000n;
  return rupiah(r > 0n ? r : 50_000n);
}

/**
 * Short, polite notes as an agent would log them. Wording follows POJK 22/2023: no threats, no
 * pressure, nothing said to third parties beyond locating the debtor.
 */
function voiceNote(rng: Rng, outcome: (typeof DEMO_VOICE_OUTCOMES)[number], ctx: InteractionContext, day: string): string {
  switch (outcome) {
    case 'no_answer':
      return rng.pick(['Telepon tidak diangkat.', 'Tidak ada jawaban, akan dicoba di lain waktu.']);
    case 'busy':
      return 'Nada sibuk, akan dihubungi kembali.';
    case 'rpc':
      return rng.pick([
        'Berbicara dengan debitur, menjelaskan tagihan dan pilihan pembayaran.',
        'Debitur mengonfirmasi tagihan dan sedang mengatur keuangan.',
        'Debitur menyampaikan kendala usaha; diinformasikan opsi restrukturisasi.',
      ]);
    case 'ptp':
      return `Debitur berjanji membayar ${formatRupiah(roundAmount(ctx.instalment))} pada ${addDays(day, rng.int(2, 10))}.`;
    case 'refused':
      return 'Debitur belum bersedia membayar saat ini; dicatat dan akan dihubungi kembali dengan sopan.';
    case 'wrong_number':
      return 'Pemilik nomor tidak mengenal debitur; nomor ditandai untuk diverifikasi.';
    case 'callback_requested':
      return rng.pick(['Debitur minta dihubungi kembali sore hari.', 'Debitur sedang bekerja, minta ditelepon besok pagi.']);
  }
}

/** Days in the look-back window on which contact is allowed (Mon–Sat, not a national holiday). */
function contactDays(asOf: string, window: number): string[] {
  const days: string[] = [];
  for (let k = 1; k <= window; k++) {
    const d = addDays(asOf, -k);
    if (isContactDay(d)) days.push(d);
  }
  return days;
}

/**
 * A few contacts over the last 60 days (never before the debtor fell behind): reminders by SMS
 * or WhatsApp unless the debtor opted out, calls with their outcomes, an occasional field visit
 * for accounts past 60 DPD, and sometimes the debtor writing in. All at 08:00–20:00 local time,
 * Monday to Saturday, outside national holidays. Sorted by time.
 */
export function generateInteractions(rng: Rng, ctx: InteractionContext): DemoInteraction[] {
  if (ctx.dpd <= 0) return [];
  const days = contactDays(ctx.asOf, Math.min(60, ctx.dpd));
  if (days.length === 0) return [];
  const count = ctx.dpd <= 30 ? rng.int(1, 3) : ctx.dpd <= 180 ? rng.int(2, 6) : rng.int(2, 5);
  const messaging: ('sms' | 'whatsapp')[] = [];
  if (!ctx.whatsappOptOut) messaging.push('whatsapp');
  if (!ctx.smsOptOut) messaging.push('sms');
  const out: DemoInteraction[] = [];
  let visited = false;
  for (let n = 0; n < count; n++) {
    const day = rng.pick(days);
    const at = (from: number, to: number): Date => localInstant(day, rng.int(from, to - 1), rng.int(0, 59), ctx.zone);
    const roll = rng.next();
    if (roll < 0.3 && messaging.length > 0) {
      const channel = rng.pick(messaging);
      const label = channel === 'sms' ? 'SMS' : 'Pesan WhatsApp';
      out.push({
        channel,
        direction: 'outbound',
        outcome: rng.chance(0.9) ? 'delivered' : 'failed',
        notes: `${label} pengingat: angsuran ${ctx.product} sudah jatuh tempo, mohon dibayar melalui nomor VA. Abaikan bila sudah membayar.`,
        occurredAt: at(8, 20),
        byAgent: false,
      });
    } else if (roll < 0.4) {
      out.push({
        channel: 'chat',
        direction: 'inbound',
        outcome: rng.pick(['inquiry', 'ptp', 'restructuring_request']),
        notes: rng.pick([
          'Debitur menanyakan sisa tagihan dan cara pembayaran.',
          'Debitur mengabarkan akan membayar setelah gajian.',
          'Debitur menanyakan kemungkinan keringanan angsuran.',
        ]),
        occurredAt: at(8, 20),
        byAgent: false,
      });
    } else if (roll < 0.48 && ctx.dpd > 60 && !visited) {
      visited = true;
      const outcome = rng.weighted([
        ['met_debtor', 50],
        ['not_home', 35],
        ['ptp', 15],
      ] as const);
      const notes =
        outcome === 'met_debtor'
          ? 'Kunjungan ke alamat penagihan, bertemu debitur; debitur menyampaikan kondisi keuangan dan meminta waktu.'
          : outcome === 'not_home'
            ? 'Kunjungan ke alamat penagihan, debitur tidak di tempat; meninggalkan surat pemberitahuan resmi.'
            : `Kunjungan ke alamat penagihan, debitur berjanji membayar ${formatRupiah(roundAmount(ctx.instalment))}.`;
      out.push({ channel: 'field', direction: 'outbound', outcome, notes, occurredAt: at(9, 17), byAgent: true });
    } else {
      const outcome = rng.weighted(VOICE_WEIGHTS);
      out.push({ channel: 'voice', direction: 'outbound', outcome, notes: voiceNote(rng, outcome, ctx, day), occurredAt: at(8, 20), byAgent: true });
    }
  }
  return out.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}
