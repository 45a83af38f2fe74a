import type { Debtor360 } from '../api-types.ts';
import { Badge } from '../components/Badge.tsx';
import { formatDate, provinceName, zoneLabel } from '../format.ts';
import { useI18n } from '../i18n.ts';

export function ProfileCard({ profile, purpose }: { profile: Debtor360['profile']; purpose: string | null }) {
  const { t, lang } = useI18n();
  const birth = profile.birth_date && /^\d{4}-\d{2}-\d{2}$/.test(profile.birth_date) ? formatDate(profile.birth_date, lang) : profile.birth_date;
  return (
    <div className="card profile-card" data-testid="profile-card">
      <div className="profile-head">
        <div className="avatar" aria-hidden="true">
          {profile.full_name.slice(0, 1)}
        </div>
        <div>
          <h1 className="profile-name">{profile.full_name}</h1>
          <div className="muted mono">{profile.debtor_ref}</div>
        </div>
      </div>
      {profile.pii_masked ? (
        <Badge tone="neutral" testId="pii-state">
          {t('debtor.piiMasked')}
        </Badge>
      ) : (
        <div className="pii-open">
          <Badge tone="info" testId="pii-state">
            {t('debtor.piiUnmasked')}
          </Badge>
          {purpose && <div className="muted small">{t('debtor.purposeShown', { purpose })}</div>}
        </div>
      )}
      <dl className="kv">
        <dt>{t('debtor.nik')}</dt>
        <dd className="mono" data-testid="nik">
          {profile.nik ?? t('common.none')}
        </dd>
        <dt>{t('debtor.birthDate')}</dt>
        <dd>{birth ?? t('common.none')}</dd>
        <dt>{t('debtor.creditor')}</dt>
        <dd>{profile.creditor_name}</dd>
        <dt>{t('debtor.province')}</dt>
        <dd>{provinceName(profile.province_code)}</dd>
        <dt>{t('debtor.timezone')}</dt>
        <dd>
          {zoneLabel(profile.timezone)} <span className="muted small">({profile.timezone})</span>
        </dd>
        <dt>{t('debtor.language')}</dt>
        <dd>{profile.language === 'id' ? 'Bahasa Indonesia' : profile.language === 'en' ? 'English' : profile.language}</dd>
      </dl>
    </div>
  );
}
