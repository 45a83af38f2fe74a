import { useState, type FormEvent } from 'react';
import { api, type ApiErrorBody } from '../api.ts';
import type { AccountDetail, InteractionChannel, InteractionDirection, InteractionOutcome } from '../api-types.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useI18n } from '../i18n.ts';

const CHANNELS = ['voice', 'whatsapp', 'sms', 'email', 'field', 'chat', 'letter'] as const satisfies readonly InteractionChannel[];
const DIRECTIONS = ['outbound', 'inbound'] as const satisfies readonly InteractionDirection[];
const OUTCOMES = [
  'rpc',
  'ptp',
  'no_answer',
  'busy',
  'callback_requested',
  'third_party',
  'wrong_number',
  'refused',
  'dispute',
  'paid',
  'message_sent',
  'visited',
  'not_home',
  'other',
] as const satisfies readonly InteractionOutcome[];

function pick<T extends string>(options: readonly T[], value: string, fallback: T): T {
  return options.find((o) => o === value) ?? fallback;
}

/** Logs a call, message or visit with its outcome; the debtor's timeline reloads from the server afterwards. */
export function InteractionForm({ debtorId, accounts, onSaved }: { debtorId: string; accounts: AccountDetail[]; onSaved: () => void }) {
  const { t } = useI18n();
  const [accountId, setAccountId] = useState('');
  const [channel, setChannel] = useState<InteractionChannel>('voice');
  const [direction, setDirection] = useState<InteractionDirection>('outbound');
  const [outcome, setOutcome] = useState<InteractionOutcome>('rpc');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api.logInteraction(debtorId, { account_id: accountId || null, channel, direction, outcome, notes: notes.trim() || null });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setNotes('');
    onSaved();
  };

  return (
    <form className="card form interaction-form" onSubmit={(e) => void submit(e)} data-testid="interaction-form">
      <h2 className="card-title">{t('interaction.title')}</h2>
      {error && <ErrorBanner error={error} />}
      <div className="form-row">
        <label className="field">
          <span>{t('interaction.account')}</span>
          <select name="account_id" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">{t('interaction.anyAccount')}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.account_no}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('interaction.channel')}</span>
          <select name="channel" value={channel} onChange={(e) => setChannel(pick(CHANNELS, e.target.value, 'voice'))}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('interaction.direction')}</span>
          <select name="direction" value={direction} onChange={(e) => setDirection(pick(DIRECTIONS, e.target.value, 'outbound'))}>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`direction.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('interaction.outcome')}</span>
          <select name="outcome" value={outcome} onChange={(e) => setOutcome(pick(OUTCOMES, e.target.value, 'other'))}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('interaction.notes')}</span>
        <textarea name="notes" rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('interaction.submit')}
        </button>
      </div>
    </form>
  );
}
