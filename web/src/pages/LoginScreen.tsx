import { useState } from 'react';
import type { NextStep } from '../api-types.ts';
import { LangToggle } from '../components/LangToggle.tsx';
import { useI18n, type MessageKey } from '../i18n.ts';
import { MfaEnrollForm } from './MfaEnrollForm.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { TotpForm } from './TotpForm.tsx';

type Step = 'password' | Exclude<NextStep, 'none'>;

/** Sign-in in up to two steps: password, then a TOTP code (or TOTP enrolment) when the role requires it. */
export function LoginScreen({ initialStep, notice, onSignedIn }: { initialStep: Step; notice: MessageKey | null; onSignedIn: () => void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>(initialStep);
  return (
    <div className="login-page">
      <div className="login-lang">
        <LangToggle />
      </div>
      <div className="login-card card">
        <div className="login-brand">
          <span className="brand-mark brand-mark-lg">T</span>
          <div>
            <div className="login-name">{t('app.name')}</div>
            <div className="muted">{t('app.tagline')}</div>
          </div>
        </div>
        {notice && step === 'password' && <div className="alert alert-info">{t(notice)}</div>}
        {step === 'password' && (
          <PasswordForm
            onDone={(next) => {
              if (next === 'none') onSignedIn();
              else setStep(next);
            }}
          />
        )}
        {step === 'mfa_verify' && <TotpForm onDone={onSignedIn} onBack={() => setStep('password')} />}
        {step === 'mfa_enroll' && <MfaEnrollForm onDone={onSignedIn} onBack={() => setStep('password')} />}
      </div>
    </div>
  );
}
