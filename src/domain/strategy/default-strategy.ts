import type { MessageChannel, StrategyDefinitionInput } from './definition.ts';

/** A message template the default strategy needs; seeded with it so a fresh install can run the daily batch. */
export interface DefaultTemplate {
  readonly code: string;
  readonly channel: MessageChannel;
  readonly language: 'id';
  readonly subject: string | null;
  readonly body: string;
}

/** Polite Indonesian texts that pass the compliance lint (creditor named, opt-out line on every electronic message). */
export const DEFAULT_STRATEGY_TEMPLATES: readonly DefaultTemplate[] = [
  {
    code: 'strategy.reminder_pre_due',
    channel: 'whatsapp',
    language: 'id',
    subject: null,
    body: 'Halo {{name}}, ini pengingat dari {{creditor_name}}: angsuran Anda sebesar {{amount}} jatuh tempo pada {{due_date}}. Pembayaran dapat dilakukan melalui VA {{va_number}}. Terima kasih. Balas BERHENTI untuk berhenti menerima pesan ini.',
  },
  {
    code: 'strategy.due_today',
    channel: 'sms',
    language: 'id',
    subject: null,
    body: '{{creditor_name}}: Yth. {{name}}, angsuran {{amount}} jatuh tempo hari ini ({{due_date}}). Bayar via VA {{va_number}}. Balas BERHENTI untuk berhenti.',
  },
  {
    code: 'strategy.overdue_notice',
    channel: 'email',
    language: 'id',
    subject: 'Informasi angsuran yang belum terbayar',
    body: 'Yth. {{name}},\n\nKami dari {{creditor_name}} menginformasikan bahwa angsuran sebesar {{amount}} yang jatuh tempo pada {{due_date}} belum kami terima. Silakan melakukan pembayaran melalui {{payment_link}} atau VA {{va_number}}. Bila Anda mengalami kesulitan, hubungi kami untuk membicarakan keringanan.\n\nUntuk berhenti menerima email ini, balas dengan kata BERHENTI.',
  },
  {
    code: 'strategy.overdue_reminder',
    channel: 'whatsapp',
    language: 'id',
    subject: null,
    body: 'Halo {{name}}, {{creditor_name}} mengingatkan angsuran {{amount}} (jatuh tempo {{due_date}}) belum terbayar. Bayar melalui {{payment_link}}, atau balas pesan ini bila butuh bantuan. Balas BERHENTI untuk berhenti menerima pesan ini.',
  },
];

/**
 * The strategy a fresh install runs (seeded as version 1, active, by the daily batch when the strategies table is
 * empty): 80/20 champion–challenger, a high-balance segment called earlier, and the classic Indonesian ladder
 * D-3 WhatsApp → D0 SMS → D+1 call → D+7 email → D+14 WhatsApp → D+30 level-2 desk → D+60 field visit → D+90 legal review.
 */
export const DEFAULT_STRATEGY: { readonly name: string; readonly definition: StrategyDefinitionInput } = {
  name: 'Default ladder (80/20 champion–challenger)',
  definition: {
    catchUpDays: 2,
    arms: [
      { code: 'champion', percent: 80 },
      { code: 'challenger', percent: 20 },
    ],
    ladders: {
      standard: {
        description: 'Reminders first, a call the day after the due date, escalation by DPD.',
        steps: [
          { code: 'd-3.whatsapp', offset: -3, action: { type: 'contact', channel: 'whatsapp', template: 'strategy.reminder_pre_due', purpose: 'reminder' } },
          { code: 'd0.sms', offset: 0, action: { type: 'contact', channel: 'sms', template: 'strategy.due_today', purpose: 'reminder' } },
          { code: 'd+1.call', offset: 1, action: { type: 'task', kind: 'call', queue: 'desk_l1', priority: 10 } },
          { code: 'd+7.email', offset: 7, action: { type: 'contact', channel: 'email', template: 'strategy.overdue_notice', purpose: 'collect' } },
          { code: 'd+14.whatsapp', offset: 14, action: { type: 'contact', channel: 'whatsapp', template: 'strategy.overdue_reminder', purpose: 'collect' } },
          { code: 'd+30.escalate', offset: 30, action: { type: 'escalate', queue: 'desk_l2', priority: 30 } },
          { code: 'd+60.visit', offset: 60, action: { type: 'task', kind: 'field_visit', queue: 'field', priority: 60 } },
          { code: 'd+90.legal', offset: 90, action: { type: 'task', kind: 'legal_review', queue: 'legal', priority: 90 } },
        ],
      },
      early_call: {
        description: 'Challenger: calls on D+1 and D+3 before any overdue message.',
        steps: [
          { code: 'd-3.whatsapp', offset: -3, action: { type: 'contact', channel: 'whatsapp', template: 'strategy.reminder_pre_due', purpose: 'reminder' } },
          { code: 'd0.sms', offset: 0, action: { type: 'contact', channel: 'sms', template: 'strategy.due_today', purpose: 'reminder' } },
          { code: 'd+1.call', offset: 1, action: { type: 'task', kind: 'call', queue: 'desk_l1', priority: 20 } },
          { code: 'd+3.call', offset: 3, action: { type: 'task', kind: 'call', queue: 'desk_l1', priority: 20 } },
          { code: 'd+7.email', offset: 7, action: { type: 'contact', channel: 'email', template: 'strategy.overdue_notice', purpose: 'collect' } },
          { code: 'd+30.escalate', offset: 30, action: { type: 'escalate', queue: 'desk_l2', priority: 30 } },
          { code: 'd+60.visit', offset: 60, action: { type: 'task', kind: 'field_visit', queue: 'field', priority: 60 } },
          { code: 'd+90.legal', offset: 90, action: { type: 'task', kind: 'legal_review', queue: 'legal', priority: 90 } },
        ],
      },
      high_value: {
        description: 'Balances of Rp50 jt and more: a person calls on the due date.',
        steps: [
          { code: 'd-3.whatsapp', offset: -3, action: { type: 'contact', channel: 'whatsapp', template: 'strategy.reminder_pre_due', purpose: 'reminder' } },
          { code: 'd0.call', offset: 0, action: { type: 'task', kind: 'call', queue: 'desk_l1', priority: 50 } },
          { code: 'd+7.email', offset: 7, action: { type: 'contact', channel: 'email', template: 'strategy.overdue_notice', purpose: 'collect' } },
          { code: 'd+15.escalate', offset: 15, action: { type: 'escalate', queue: 'desk_l2', priority: 60 } },
          { code: 'd+45.visit', offset: 45, action: { type: 'task', kind: 'field_visit', queue: 'field', priority: 70 } },
          { code: 'd+90.legal', offset: 90, action: { type: 'task', kind: 'legal_review', queue: 'legal', priority: 90 } },
        ],
      },
    },
    segments: [
      { code: 'high_balance', description: 'Outstanding Rp50 jt or more', when: [{ field: 'outstanding_idr', op: 'gte', value: 50_000_000 }], ladders: { champion: 'high_value', challenger: 'high_value' } },
      { code: 'everyone', description: 'All other accounts', when: [], ladders: { champion: 'standard', challenger: 'early_call' } },
    ],
    stopConditions: ['paid', 'ptp_pending', 'open_dispute', 'hardship_plan'],
  },
};
