import type { ApiErrorBody } from '../api.ts';
import { CLIENT_ERROR_CODES } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';

const KNOWN: Record<string, MessageKey> = {
  TAGIH_FORBIDDEN: 'error.forbidden',
  TAGIH_NOT_FOUND: 'error.notFound',
  TAGIH_UNAUTHENTICATED: 'error.sessionExpired',
  [CLIENT_ERROR_CODES.network]: 'error.network',
};

/** An API error in the user's language when we know the code, else the server's message (with its code for support). */
export function ErrorBanner({ error, onRetry }: { error: ApiErrorBody; onRetry?: () => void }) {
  const { t } = useI18n();
  const key = KNOWN[error.code];
  return (
    <div className="alert alert-error" role="alert">
      <span>{key ? t(key) : `${t('common.error')}: ${error.message}`}</span>
      {!key && <code className="alert-code">{error.code}</code>}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
