import { Component, type ErrorInfo, type ReactNode } from 'react';
import { currentLocale, translate, useI18n, type MessageKey } from '../i18n';

const VERDICT_TONE: Record<string, string> = {
  AC: 'success',
  OK: 'success',
  WA: 'danger',
  TLE: 'warning',
  MLE: 'warning',
  OLE: 'warning',
  RE: 'danger',
  CE: 'neutral',
  IE: 'neutral',
};

/**
 * A verdict in words with a coloured badge; the code stays as a tooltip. `accepted: false` on an
 * AC (every test passed, but the security policy refuses it) reads "Tests passed", not "Accepted".
 */
export function VerdictBadge({ verdict, size, accepted }: { verdict: string; size?: 'lg'; accepted?: boolean }) {
  const { t } = useI18n();
  const refused = verdict === 'AC' && accepted === false;
  const key = (refused ? 'verdict.ACRefused' : `verdict.${verdict}`) as MessageKey;
  const text = translate('en', key) === key ? verdict : t(key);
  const tone = refused ? 'warning' : (VERDICT_TONE[verdict] ?? 'neutral');
  return (
    <span className={`badge badge-${tone}${size ? ' badge-lg' : ''}`} title={verdict}>
      <span className="badge-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className="badge badge-info">
      <span className="spinner spinner-sm" aria-hidden="true" />
      {t(`status.${status}` as MessageKey)}
    </span>
  );
}

export function Alert({ children, tone = 'danger' }: { children: ReactNode; tone?: 'danger' | 'info' | 'success' }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-state">
      <Alert>{message}</Alert>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Catches render errors anywhere below: the user sees a message, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Bastion UI error', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    const locale = currentLocale();
    return (
      <main className="page page-narrow">
        <div className="card">
          <h1>{translate(locale, 'error.title')}</h1>
          <Alert>{translate(locale, 'error.unknown', { message: this.state.error.message })}</Alert>
          <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
            {translate(locale, 'error.reload')}
          </button>
        </div>
      </main>
    );
  }
}
