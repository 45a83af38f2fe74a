import { useState } from 'react';
import { can } from '../../../src/domain/permissions.ts';
import { api } from '../api.ts';
import type { SessionUser } from '../api-types.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Link } from '../components/Link.tsx';
import { useI18n } from '../i18n.ts';
import { useLoad } from '../use-load.ts';
import { AccountPanel } from './AccountPanel.tsx';
import { AddressList } from './AddressList.tsx';
import { ContactList } from './ContactList.tsx';
import { InteractionForm } from './InteractionForm.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { PurposePrompt } from './PurposePrompt.tsx';
import { Timeline } from './Timeline.tsx';

/**
 * Debtor 360. Roles that see PII unmasked must first say why: the server unmasks for them on every read
 * and audits the read with the purpose sent as `X-Tagih-Purpose` (UU PDP purpose limitation).
 */
export function DebtorPage({ id, user }: { id: string; user: SessionUser }) {
  const needsPurpose = can(user.role, 'pii:read_unmasked');
  const [purpose, setPurpose] = useState<string | null>(null);
  if (needsPurpose && purpose === null) {
    return (
      <section className="page">
        <Link to="/accounts" className="back-link">
          ←
        </Link>
        <PurposePrompt onSubmit={setPurpose} />
      </section>
    );
  }
  return <DebtorView id={id} purpose={purpose} canLog={can(user.role, 'interactions:write')} />;
}

function DebtorView({ id, purpose, canLog }: { id: string; purpose: string | null; canLog: boolean }) {
  const { t } = useI18n();
  const { loaded, reload } = useLoad(() => api.debtor(id, purpose), `${id}|${purpose ?? ''}`);
  return (
    <section className="page">
      <Link to="/accounts" className="back-link">
        {t('debtor.back')}
      </Link>
      {loaded.state === 'loading' && <p className="muted loading">{t('common.loading')}</p>}
      {loaded.state === 'error' && <ErrorBanner error={loaded.error} onRetry={reload} />}
      {loaded.state === 'ready' && (
        <div className="debtor-grid">
          <div className="debtor-side">
            <ProfileCard profile={loaded.data.profile} purpose={purpose} />
            <ContactList contacts={loaded.data.contacts} />
            <AddressList addresses={loaded.data.addresses} />
          </div>
          <div className="debtor-main">
            <h2 className="section-title">{t('debtor.accounts')}</h2>
            {loaded.data.accounts.map((a) => (
              <AccountPanel key={a.id} account={a} />
            ))}
            {canLog && <InteractionForm debtorId={id} accounts={loaded.data.accounts} onSaved={reload} />}
            <Timeline entries={loaded.data.timeline} accounts={loaded.data.accounts} timeZone={loaded.data.profile.timezone} />
          </div>
        </div>
      )}
    </section>
  );
}
