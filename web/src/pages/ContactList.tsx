import type { Contact } from '../api-types.ts';
import { Badge } from '../components/Badge.tsx';
import { useI18n } from '../i18n.ts';

/**
 * Contacts with what a collector must know before dialling: emergency contacts may only be used to locate
 * the debtor (SEOJK 19/2023), and opted-out channels must not be used.
 */
export function ContactList({ contacts }: { contacts: Contact[] }) {
  const { t } = useI18n();
  return (
    <div className="card">
      <h2 className="card-title">{t('debtor.contacts')}</h2>
      {contacts.length === 0 && <p className="muted">{t('debtor.noContacts')}</p>}
      <ul className="contact-list">
        {contacts.map((c) => (
          <li key={c.id} data-testid="contact">
            <div className="contact-line">
              <span className="muted small">{t(c.type === 'phone' ? 'contact.phone' : 'contact.email')}</span>
              <span className="mono">{c.value}</span>
            </div>
            <div className="badges">
              {c.is_primary && <Badge tone="neutral">{t('contact.primary')}</Badge>}
              {c.is_verified && <Badge tone="ok">{t('contact.verified')}</Badge>}
              {c.is_emergency && (
                <Badge tone="medium" testId="emergency-badge">
                  {t('contact.emergency')}
                  {c.emergency_name ? ` · ${c.emergency_name}` : ''}
                  {c.emergency_relation ? ` (${c.emergency_relation})` : ''}
                </Badge>
              )}
              {c.is_emergency && !c.emergency_consent && <Badge tone="high">{t('contact.emergencyNoConsent')}</Badge>}
              {c.preferences
                .filter((p) => p.consent === 'opted_out')
                .map((p) => (
                  <Badge key={p.channel} tone="critical" testId="optout-badge">
                    {t('contact.optOut', { channel: p.channel })}
                  </Badge>
                ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
