import { useState, type FormEvent } from 'react';
import { errorText } from '../api';
import { useAuth } from '../auth';
import { Alert } from '../components/common';
import { LocaleSwitch } from '../components/Layout';
import { useI18n } from '../i18n';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, expired } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <div className="signin-top">
        <LocaleSwitch />
      </div>
      <main className="signin-main" id="main">
        <section className="signin-brand" aria-hidden="false">
          <div className="brand brand-lg">
            <Logo />
            <span>Bastion</span>
          </div>
          <p className="signin-tagline">{t('app.tagline')}</p>
          <ul className="signin-features">
            <li>{t('signIn.feature1')}</li>
            <li>{t('signIn.feature2')}</li>
            <li>{t('signIn.feature3')}</li>
          </ul>
        </section>
        <section className="card signin-card">
          <h1 className="h2">{t('signIn.title')}</h1>
          <p className="muted">{t('signIn.lead')}</p>
          {expired && !error && <Alert tone="info">{t('error.sessionExpired')}</Alert>}
          {error && <Alert>{error}</Alert>}
          <form onSubmit={onSubmit} className="form" noValidate={false}>
            <div className="field">
              <label htmlFor="email">{t('signIn.email')}</label>
              <input
                id="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="password">{t('signIn.password')}</label>
              <input
                id="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
              {busy ? t('signIn.busy') : t('signIn.submit')}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}

export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
      <path d="M16 2 4 7v8c0 7.5 5.1 13.6 12 15 6.9-1.4 12-7.5 12-15V7z" fill="currentColor" />
      <path
        d="m11 16 3.5 3.5L21.5 12"
        fill="none"
        stroke="#fff"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
