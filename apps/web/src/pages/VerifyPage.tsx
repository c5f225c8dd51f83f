import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorText } from '../api';
import { authoring, type Verification, type VerifiedSolution } from '../authoring';
import { Alert, Loading, VerdictBadge } from '../components/common';
import { StaffPageHead } from '../components/StaffTabs';
import { useI18n } from '../i18n';
import { languageName } from '../templates';
import { formatLimits } from './Problems';

const POLL_MS = 1500;

/**
 * The problem's self-check: every reference solution in the package's submissions/ folders is judged
 * and its verdict compared with the folder it sits in. Polls while the check runs.
 */
export function VerifyPage() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  // undefined: loading; null: never verified.
  const [v, setV] = useState<Verification | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const read = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setV(await authoring.verification(slug, signal));
        setError(null);
      } catch (e) {
        if (signal?.aborted) return;
        if (e instanceof ApiError && e.status === 404 && e.code !== 'PROBLEM_NOT_FOUND') setV(null);
        else setError(errorText(e, t));
      }
    },
    [slug, t],
  );

  useEffect(() => {
    const ctl = new AbortController();
    setV(undefined);
    void read(ctl.signal);
    return () => ctl.abort();
  }, [read]);

  const running = v?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => void read(ctl.signal), POLL_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [running, v, read]);

  async function start() {
    setStarting(true);
    setError(null);
    try {
      setV(await authoring.verify(slug));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setStarting(false);
    }
  }

  return (
    <main className="page" id="main">
      <StaffPageHead slug={slug} title={t('verify.title')} />
      <section className="card" aria-labelledby="verify-h">
        <div className="section-head">
          <div>
            <h2 className="h3" id="verify-h">
              {t('verify.heading')}
            </h2>
            <p className="hint">{t('verify.lead')}</p>
          </div>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void start()}
            disabled={starting || running || v === undefined}
          >
            {running || starting ? (
              <>
                <span className="spinner spinner-sm" aria-hidden="true" /> {t('verify.running')}
              </>
            ) : v ? (
              t('verify.again')
            ) : (
              t('verify.run')
            )}
          </button>
        </div>
        {error && <Alert>{error}</Alert>}
        {v === undefined && !error ? (
          <Loading />
        ) : v === null ? (
          <p className="empty-inline">{t('verify.never')}</p>
        ) : v ? (
          <Report v={v} />
        ) : null}
      </section>
    </main>
  );
}

function Report({ v }: { v: Verification }) {
  const { t, locale } = useI18n();
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' })
      : '—';
  const failed = v.solutions.filter((s) => s.ok === false).length;
  return (
    <div className="verify-report" aria-live="polite" aria-busy={v.status === 'running'}>
      <div
        className={`verify-status verify-${v.status === 'running' ? 'running' : v.ok ? 'ok' : 'bad'}`}
        data-testid="verify-status"
      >
        <span className="verify-icon" aria-hidden="true">
          {v.status === 'running' ? <span className="spinner" /> : v.ok ? '✓' : '✗'}
        </span>
        <div>
          <strong>
            {v.status === 'running'
              ? t('verify.statusRunning', {
                  done: v.solutions.filter((s) => s.verdict !== null).length,
                  total: v.solutions.length,
                })
              : v.status === 'failed'
                ? t('verify.statusFailed')
                : v.solutions.length === 0
                  ? t('verify.statusNone')
                  : v.ok
                    ? t('verify.statusOk', { total: v.solutions.length })
                    : t('verify.statusBad', { failed, total: v.solutions.length })}
          </strong>
          <div className="muted small">
            {t('verify.started', { when: when(v.startedAt) })}
            {v.finishedAt && <> · {t('verify.finished', { when: when(v.finishedAt) })}</>}
          </div>
        </div>
      </div>
      {v.error && <Alert>{v.error}</Alert>}
      {v.timeLimitMs != null && (
        <p className="verify-limit" data-testid="verify-time-limit">
          {t('verify.timeLimit', { limit: formatLimits(v.timeLimitMs, 0).time })}{' '}
          <span className="muted">{timeLimitSource(v.timeLimitSource, t)}</span>
        </p>
      )}
      {v.solutions.length === 0 ? (
        v.status !== 'running' && <p className="empty-inline">{t('verify.noSolutions')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table verify-table">
            <caption className="sr-only">{t('verify.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('verify.solution')}</th>
                <th scope="col" className="hide-sm">
                  {t('history.language')}
                </th>
                <th scope="col">{t('verify.expected')}</th>
                <th scope="col">{t('verify.actual')}</th>
                <th scope="col" className="num hide-sm">
                  {t('judge.time')}
                </th>
                <th scope="col">{t('verify.ok')}</th>
              </tr>
            </thead>
            <tbody>
              {v.solutions.map((s) => (
                <SolutionRow key={s.path} s={s} running={v.status === 'running'} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function SolutionRow({ s, running }: { s: VerifiedSolution; running: boolean }) {
  const { t } = useI18n();
  return (
    <tr>
      <td>
        <span className="mono cell-path">{s.path}</span>
        {s.note && <div className="test-message">{s.note}</div>}
      </td>
      <td className="hide-sm">{s.language ? languageName(s.language) : '—'}</td>
      <td data-label={t('verify.expected')}>
        {s.expected === 'rejected' ? (
          <span className="badge badge-neutral" title={t('verify.rejectedHint')}>
            {t('verify.rejected')}
          </span>
        ) : s.expected === 'partial' ? (
          <span className="badge badge-neutral" title={t('verify.partialHint')}>
            {t('verify.partial')}
          </span>
        ) : s.expected === 'any' ? (
          <span className="badge badge-neutral" title={t('verify.anyHint')}>
            {t('verify.any')}
          </span>
        ) : (
          <VerdictBadge verdict={s.expected} />
        )}
      </td>
      <td data-label={t('verify.actual')}>
        {s.verdict ? (
          s.submissionId ? (
            <Link to={`/submissions/${s.submissionId}`} aria-label={t('verify.openSubmission', { path: s.path })}>
              <VerdictBadge verdict={s.verdict} />
            </Link>
          ) : (
            <VerdictBadge verdict={s.verdict} />
          )
        ) : running ? (
          <span className="badge badge-info">
            <span className="spinner spinner-sm" aria-hidden="true" />
            {t('status.running')}
          </span>
        ) : (
          <span className="muted">{t('verify.notRun')}</span>
        )}
      </td>
      <td className="num mono hide-sm">{s.timeMs ?? '—'}</td>
      <td className="cell-result">
        {s.ok === null ? (
          <span className="muted">—</span>
        ) : (
          <span className={`ok-mark ${s.ok ? 'ok-yes' : 'ok-no'}`}>
            <span aria-hidden="true">{s.ok ? '✓' : '✗'}</span> {s.ok ? t('verify.pass') : t('verify.fail')}
          </span>
        )}
      </td>
    </tr>
  );
}

/** Where the time limit came from, in words (the API's timeLimitSource). */
function timeLimitSource(source: string | null, t: ReturnType<typeof useI18n>['t']): string {
  switch (source) {
    case 'reference':
      return t('verify.limitDerived');
    case 'pending':
      return t('verify.limitPending');
    case 'package':
      return t('verify.limitPackage');
    case 'default':
      return t('verify.limitDefault');
    case 'edited':
      return t('verify.limitEdited');
    case null:
    case undefined:
      return '';
    default:
      return `(${source})`;
  }
}
