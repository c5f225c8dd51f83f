import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorText, type Verdict } from '../api';
import { isStaff, useUser } from '../auth';
import { ErrorState, Loading, StatusBadge, VerdictBadge } from '../components/common';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { languageName } from '../templates';

const PAGE_SIZE = 20;
const VERDICTS: Verdict[] = ['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'IE'];

/**
 * Submissions from the API, newest first, a page at a time. Students see their own ("My
 * submissions"); staff see everything they may and can filter by problem, verdict and user.
 */
export function MySubmissionsPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const staff = isStaff(user);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const problem = params.get('problem') ?? '';
  const verdict = params.get('verdict') ?? '';
  const who = params.get('user') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);

  const list = useAsync(
    (signal) =>
      api.submissions(
        staff ? { problem, verdict, user: who, limit: PAGE_SIZE, offset } : { limit: PAGE_SIZE, offset },
        signal,
      ),
    [staff, problem, verdict, who, offset],
  );

  // While something on the page is still being judged, look again every few seconds.
  const pending = list.data?.items.some((s) => s.status !== 'done' && s.status !== 'failed');
  const { reload } = list;
  useEffect(() => {
    if (!pending || list.loading) return;
    const timer = setTimeout(reload, 3000);
    return () => clearTimeout(timer);
  }, [pending, list.loading, reload]);

  const setOffset = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 0) next.set('offset', String(n));
    else next.delete('offset');
    setParams(next);
  };

  const data = list.data;
  const total = data?.total ?? 0;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + (data?.items.length ?? 0), total);
  const filtered = !!(problem || verdict || who);

  return (
    <main className="page" id="main">
      <div className="page-head">
        <div>
          <h1>{staff ? t('submissions.title') : t('history.title')}</h1>
          <p className="lead">{staff ? t('submissions.lead') : t('history.lead')}</p>
        </div>
      </div>
      {staff && (
        <Filters
          key={`${problem}|${verdict}|${who}`}
          problem={problem}
          verdict={verdict}
          user={who}
          me={user.email}
          onApply={(f) => {
            const next = new URLSearchParams();
            if (f.problem) next.set('problem', f.problem);
            if (f.verdict) next.set('verdict', f.verdict);
            if (f.user) next.set('user', f.user);
            setParams(next);
          }}
        />
      )}
      {list.error != null && !data ? (
        <ErrorState message={errorText(list.error, t)} onRetry={list.reload} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <div className="empty card">
          <p>{filtered ? t('submissions.noMatch') : t('history.empty')}</p>
          {!filtered && (
            <p>
              <Link to="/problems">{t('notFound.home')}</Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <div className="card card-flush table-wrap" aria-busy={list.loading}>
            <table className="table submissions-table">
              <thead>
                <tr>
                  <th scope="col">{t('history.when')}</th>
                  <th scope="col">{t('history.problem')}</th>
                  {staff && <th scope="col">{t('submissions.user')}</th>}
                  <th scope="col" className="hide-sm">
                    {t('history.language')}
                  </th>
                  <th scope="col">{t('history.result')}</th>
                  <th scope="col" className="num hide-sm">
                    {t('history.score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((s) => {
                  const finished = s.status === 'done' || s.status === 'failed';
                  return (
                    <tr
                      key={s.id}
                      className="row-link"
                      onClick={(e) => {
                        if ((e.target as HTMLElement).closest('a')) return;
                        navigate(`/submissions/${s.id}`);
                      }}
                    >
                      <td>
                        <Link to={`/submissions/${s.id}`}>
                          {new Date(s.createdAt).toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-GB', {
                            dateStyle: 'medium',
                            timeStyle: 'short',
                          })}
                        </Link>
                      </td>
                      <td className="mono">{s.problem}</td>
                      {staff && <td className="cell-email">{s.user.email}</td>}
                      <td className="hide-sm">{languageName(s.language)}</td>
                      <td>
                        {finished && s.verdict ? (
                          <VerdictBadge verdict={s.verdict} accepted={s.accepted} />
                        ) : (
                          <StatusBadge status={s.status} />
                        )}
                      </td>
                      <td className="num mono hide-sm">
                        {s.score != null && s.maxScore != null ? `${s.score}/${s.maxScore}` : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('submissions.pages')}>
            <span className="muted small" role="status">
              {t('submissions.range', { from, to, total })}
            </span>
            <div className="actions">
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                ← {t('submissions.newer')}
              </button>
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                disabled={offset + PAGE_SIZE >= total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                {t('submissions.older')} →
              </button>
            </div>
          </nav>
        </>
      )}
    </main>
  );
}

function Filters({
  problem,
  verdict,
  user,
  me,
  onApply,
}: {
  problem: string;
  verdict: string;
  user: string;
  me: string;
  onApply(f: { problem: string; verdict: string; user: string }): void;
}) {
  const { t } = useI18n();
  const [p, setP] = useState(problem);
  const [v, setV] = useState(verdict);
  const [u, setU] = useState(user);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ problem: p.trim(), verdict: v, user: u.trim() });
  };
  return (
    <form className="card filters" onSubmit={submit} aria-label={t('submissions.filters')}>
      <div className="field">
        <label htmlFor="f-problem">{t('submissions.filterProblem')}</label>
        <input id="f-problem" value={p} onChange={(e) => setP(e.target.value)} placeholder="a-plus-b" />
      </div>
      <div className="field">
        <label htmlFor="f-verdict">{t('submissions.filterVerdict')}</label>
        <select id="f-verdict" value={v} onChange={(e) => setV(e.target.value)}>
          <option value="">{t('submissions.any')}</option>
          {VERDICTS.map((x) => (
            <option key={x} value={x}>
              {t(`verdict.${x}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-user">{t('submissions.filterUser')}</label>
        <input
          id="f-user"
          type="email"
          value={u}
          onChange={(e) => setU(e.target.value)}
          placeholder="student@example.edu"
        />
      </div>
      <div className="actions filters-actions">
        <button type="submit" className="btn btn-primary btn-sm">
          {t('submissions.apply')}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => onApply({ problem: '', verdict: '', user: me })}
        >
          {t('submissions.mine')}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => onApply({ problem: '', verdict: '', user: '' })}
        >
          {t('submissions.clear')}
        </button>
      </div>
    </form>
  );
}
