import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorText, localized, type SecurityFinding } from '../api';
import { isStaff, useUser } from '../auth';
import { Alert, ErrorState, Loading } from '../components/common';
import { authoring } from '../authoring';
import { CodeEditor, findingMarks } from '../components/Editor';
import { JudgeResult } from '../components/JudgeResult';
import { useAsync, useLiveSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { languageName } from '../templates';

export function SubmissionPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const user = useUser();
  const [generation, setGeneration] = useState(0);
  const live = useLiveSubmission(id, generation);
  const source = useAsync((signal) => api.source(id, signal), [id]);
  const [focusLine, setFocusLine] = useState<{ line: number; nonce: number } | null>(null);
  const s = live.submission;
  // The problem's samples, for showing the input of a sample test a finding was found on (only
  // samples: the problem page shows them to anyone who can submit). A problem this user can no
  // longer see leaves the finding with its test's name.
  const slug = s?.problem;
  const problem = useAsync((signal) => (slug ? api.problem(slug, signal) : Promise.resolve(null)), [slug]);
  const markLines = useMemo(() => findingMarks(s?.security?.findings ?? []), [s]);

  return (
    <main className="page page-wide" id="main">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/submissions">{isStaff(user) ? t('nav.allSubmissions') : t('nav.submissions')}</Link>
        <span aria-hidden="true">/</span>
        <span className="mono">{id.slice(0, 8)}</span>
      </nav>
      <div className="problem-head">
        <h1>{t('submission.title')}</h1>
        {s && (
          <div className="chips">
            <Link className="chip chip-link" to={`/problems/${s.problem}`}>
              {t('submission.problem', { name: localized(s.problemName, locale) || s.problem })}
            </Link>
            <span className="chip">{languageName(s.language)}</span>
            {s.createdAt && (
              <span className="chip">
                {new Date(s.createdAt).toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-GB', {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}
              </span>
            )}
          </div>
        )}
        {s && isStaff(user) && <RejudgeButton id={id} onQueued={() => setGeneration((g) => g + 1)} />}
      </div>
      {live.error != null ? (
        <ErrorState message={errorText(live.error, t)} />
      ) : !s ? (
        <Loading />
      ) : (
        <div className="problem-layout">
          <section className="card" aria-labelledby="code-h">
            <h2 className="h3" id="code-h">
              {t('submission.code')}
            </h2>
            {source.error ? (
              <ErrorState message={errorText(source.error, t)} onRetry={source.reload} />
            ) : source.data ? (
              <CodeEditor
                value={source.data.source}
                language={s.language}
                label={t('editor.source')}
                readOnly
                markLines={markLines}
                focusLine={focusLine}
              />
            ) : (
              <Loading />
            )}
          </section>
          <section className="card">
            <JudgeResult
              submission={s}
              streamProblem={live.streamProblem}
              source={source.data?.source}
              samples={problem.data?.samples}
              onFindingClick={(f: SecurityFinding) => f.line && setFocusLine({ line: f.line, nonce: Date.now() })}
            />
          </section>
        </div>
      )}
    </main>
  );
}

/** Judges the submission again (staff): after a checker fix, a new test or a changed policy. */
function RejudgeButton({ id, onQueued }: { id: string; onQueued(): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState(false);
  return (
    <div className="head-actions">
      <button
        type="button"
        className="btn btn-secondary btn-sm"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await authoring.rejudge(id);
            setQueued(true);
            onQueued();
          } catch (e) {
            setError(errorText(e, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? t('rejudge.busy') : t('rejudge.one')}
      </button>
      <span className="muted small" role="status">
        {queued && !error ? t('rejudge.queuedOne') : ''}
      </span>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
