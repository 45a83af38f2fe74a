import type { DialogueIntent } from './stage.ts';

/** The channels a debtor can opt out of in chat (contact_channel_preferences.channel). */
export const OPT_OUT_CHANNELS = ['sms', 'whatsapp', 'voice', 'email'] as const;
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number];

/**
 * Words the bot's own messages tell people to type (AGEN, BERHENTI, KERINGANAN) always mean what we said they
 * mean, whatever the classifier thinks. Input is the NLU-normalised text.
 */
export function commandIntent(normalized: string): DialogueIntent | null {
  const t = normalized.trim();
  if (/^(agen|petugas|cs|operator)$/.test(t)) return 'human_agent';
  if (/^(berhenti|stop|unsubscribe)$/.test(t)) return 'stop_contact';
  if (/^keringanan$/.test(t)) return 'request_restructuring';
  return null;
}

const YES = /^(ya|iya|yes|y|ok|oke|okay|benar|betul|setuju|boleh|siap|lanjut|sudah benar|sip|1)(\s|$)/;
const NO = /^(tidak|bukan|no|salah|batal|ubah|ganti|2)(\s|$)/;

export function isYes(normalized: string): boolean {
  return YES.test(normalized.trim());
}

export function isNo(normalized: string): boolean {
  return NO.test(normalized.trim());
}

const CHANNEL_WORDS: readonly [RegExp, readonly OptOutChannel[]][] = [
  [/(^|\s)(semua|all|semuanya)(\s|$)/, OPT_OUT_CHANNELS],
  [/(^|\s)sms(\s|$)/, ['sms']],
  [/(^|\s)(wa|whatsapp|whatsap|watsap|chat)(\s|$)/, ['whatsapp']],
  [/(^|\s)(telepon|menelepon|ditelepon|telpon|call|voice)(\s|$)/, ['voice']],
  [/(^|\s)(email|e mail|surel)(\s|$)/, ['email']],
];

/** Channels named in a message ("jangan telepon dan sms lagi" → voice, sms), in a fixed order. */
export function mentionedChannels(normalized: string): OptOutChannel[] {
  const found = new Set<OptOutChannel>();
  for (const [re, channels] of CHANNEL_WORDS) if (re.test(normalized)) channels.forEach((c) => found.add(c));
  return OPT_OUT_CHANNELS.filter((c) => found.has(c));
}
