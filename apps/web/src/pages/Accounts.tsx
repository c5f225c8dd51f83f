import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, errorText, type Account } from '../api';
import { useUser } from '../auth';
import { Alert, ErrorState, Loading } from '../components/common';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';

const PAGE_SIZE = 50;
const ROLES = ['admin', 'instructor', 'student'] as const;

type Notice = { tone: 'success' | 'danger'; text: string } | { password: string; email: string };

/**
 * Admins: every account, filtered by email, role and status, with Disable/Enable and Reset password.
 * A generated password is shown once, in the notice above the list.
 */
export function AccountsPage() {
  const { t, locale } = useI18n();
  const me = useUser();
  const [params, setParams] = useSearchParams();
  const email = params.get('email') ?? '';
  const role = params.get('role') ?? '';
  const status = params.get('status') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const list = useAsync(
    (signal) => api.accounts({ email, role, status, limit: PAGE_SIZE, offset }, signal),
    [email, role, status, offset],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function act(a: Account, action: 'disable' | 'enable' | 'reset') {
    if (action === 'disable' && !window.confirm(t('accounts.disableConfirm', { email: a.email }))) return;
    if (action === 'reset' && !window.confirm(t('accounts.resetConfirm', { email: a.email }))) return;
    setBusy(a.id);
    setNotice(null);
    try {
      if (action === 'reset') {
        const r = await api.resetPassword(a.id);
        setNotice({ password: r.password, email: a.email });
      } else {
        await (action === 'disable' ? api.disableAccount(a.id) : api.enableAccount(a.id));
        const key = action === 'disable' ? 'accounts.disabledDone' : 'accounts.enabledDone';
        setNotice({ tone: 'success', text: t(key, { email: a.email }) });
      }
      list.reload();
    } catch (e) {
      setNotice({ tone: 'danger', text: errorText(e, t) });
    } finally {
      setBusy(null);
    }
  }

  const setOffset = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 0) next.set('offset', String(n));
    else next.delete('offset');
    setParams(next);
  };
  const data = list.data;
  const total = data?.total ?? 0;
  const date = (iso: string) =>
    new Date(iso).toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <main className="page" id="main">
      <div className="page-head">
        <div>
          <h1>{t('accounts.title')}</h1>
          <p className="lead">{t('accounts.lead')}</p>
        </div>
      </div>
      <Filters
        key={`${email}|${role}|${status}`}
        initial={{ email, role, status }}
        onApply={(f) => {
          const next = new URLSearchParams();
          for (const [k, v] of Object.entries(f)) if (v) next.set(k, v);
          setParams(next);
        }}
      />
      {notice &&
        ('password' in notice ? (
          <div className="alert alert-success" role="status" data-testid="new-password">
            <p>
              {t('accounts.newPassword', { email: notice.email })} <code className="mono">{notice.password}</code>
            </p>
            <p className="small">{t('accounts.newPasswordNote')}</p>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setNotice(null)}>
              {t('accounts.dismiss')}
            </button>
          </div>
        ) : (
          <Alert tone={notice.tone}>{notice.text}</Alert>
        ))}
      {list.error != null && !data ? (
        <ErrorState message={errorText(list.error, t)} onRetry={list.reload} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <div className="empty card">
          <p>{t('accounts.empty')}</p>
        </div>
      ) : (
        <>
          <div className="card card-flush table-wrap" aria-busy={list.loading}>
            <table className="table accounts-table">
              <thead>
                <tr>
                  <th scope="col">{t('accounts.name')}</th>
                  <th scope="col">{t('accounts.email')}</th>
                  <th scope="col">{t('accounts.role')}</th>
                  <th scope="col">{t('accounts.status')}</th>
                  <th scope="col" className="num">
                    {t('accounts.actions')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => {
                  const self = a.id === me.id;
                  return (
                    <tr key={a.id} data-email={a.email}>
                      <td>
                        {a.name} {self && <span className="tag">{t('accounts.you')}</span>}
                      </td>
                      <td className="cell-email">{a.email}</td>
                      <td>{t(`role.${a.role}` as MessageKey)}</td>
                      <td>
                        {a.disabledAt ? (
                          <span
                            className="badge badge-danger"
                            title={t('accounts.disabledSince', { date: date(a.disabledAt) })}
                          >
                            <span className="badge-dot" aria-hidden="true" />
                            {t('accounts.disabled')}
                          </span>
                        ) : (
                          <span className="badge badge-success">
                            <span className="badge-dot" aria-hidden="true" />
                            {t('accounts.active')}
                          </span>
                        )}
                      </td>
                      <td className="num">
                        <div className="row-actions">
                          {a.disabledAt ? (
                            <button
                              type="button"
                              className="btn btn-secondary btn-xs"
                              disabled={busy !== null}
                              onClick={() => void act(a, 'enable')}
                            >
                              {t('accounts.enable')}
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="btn btn-ghost btn-xs btn-danger-text"
                              disabled={busy !== null || self}
                              title={self ? t('accounts.selfDisable') : undefined}
                              onClick={() => void act(a, 'disable')}
                            >
                              {t('accounts.disable')}
                            </button>
                          )}
                          <button
                            type="button"
                            className="btn btn-ghost btn-xs"
                            disabled={busy !== null}
                            onClick={() => void act(a, 'reset')}
                          >
                            {t('accounts.resetPassword')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('accounts.pages')}>
            <span className="muted small" role="status">
              {t('accounts.range', { from: offset + 1, to: offset + data.items.length, total })}
            </span>
            <div className="actions">
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                ← {t('accounts.previous')}
              </button>
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                disabled={offset + PAGE_SIZE >= total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                {t('accounts.next')} →
              </button>
            </div>
          </nav>
        </>
      )}
    </main>
  );
}

interface AccountFilters {
  email: string;
  role: string;
  status: string;
}

function Filters({ initial, onApply }: { initial: AccountFilters; onApply(f: AccountFilters): void }) {
  const { t } = useI18n();
  const [f, setF] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...f, email: f.email.trim() });
  };
  return (
    <form className="card filters" onSubmit={submit} aria-label={t('accounts.filters')}>
      <div className="field">
        <label htmlFor="a-email">{t('accounts.filterEmail')}</label>
        <input
          id="a-email"
          type="search"
          value={f.email}
          onChange={(e) => setF({ ...f, email: e.target.value })}
          placeholder="kim@example.edu"
        />
      </div>
      <div className="field">
        <label htmlFor="a-role">{t('accounts.filterRole')}</label>
        <select id="a-role" value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })}>
          <option value="">{t('accounts.any')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="a-status">{t('accounts.filterStatus')}</label>
        <select id="a-status" value={f.status} onChange={(e) => setF({ ...f, status: e.target.value })}>
          <option value="">{t('accounts.any')}</option>
          <option value="active">{t('accounts.active')}</option>
          <option value="disabled">{t('accounts.disabled')}</option>
        </select>
      </div>
      <div className="actions filters-actions">
        <button type="submit" className="btn btn-primary btn-sm">
          {t('accounts.apply')}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => onApply({ email: '', role: '', status: '' })}
        >
          {t('accounts.clear')}
        </button>
      </div>
    </form>
  );
}
