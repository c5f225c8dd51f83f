import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import {
  api,
  errorText,
  localized,
  type Language,
  type Problem,
  type RunResult,
  type Sample,
  type SecurityFinding,
} from '../api';
import { isStaff, useUser } from '../auth';
import { authoring } from '../authoring';
import { Alert, ErrorState, Loading, VerdictBadge } from '../components/common';
import { CodeEditor, findingMarks } from '../components/Editor';
import { JudgeResult } from '../components/JudgeResult';
import { StaffTabs } from '../components/StaffTabs';
import { Markdown } from '../components/Markdown';
import { useAsync, useLiveSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { FALLBACK_LANGUAGES, TEMPLATES } from '../templates';
import { formatLimits } from './Problems';

const LANG_KEY = 'bastion.language';
const draftKey = (user: string, slug: string, lang: string) => `bastion.draft.${user}.${slug}.${lang}`;

function readDraft(user: string, slug: string, lang: string): string {
  try {
    return localStorage.getItem(draftKey(user, slug, lang)) ?? TEMPLATES[lang] ?? '';
  } catch {
    return TEMPLATES[lang] ?? '';
  }
}

export function ProblemPage() {
  const { slug = '' } = useParams();
  const { t, locale } = useI18n();
  const problem = useAsync((signal) => api.problem(slug, signal), [slug]);
  const languages = useAsync((signal) => api.languages(signal), []);
  const user = useUser();
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  // ?assignment=<id>: submissions are graded in that assignment.
  const assignmentId = useSearchParams()[0].get('assignment');
  // The publication state after Publish / Unpublish, until the problem is read again.
  const [published, setPublished] = useState<boolean | undefined>(undefined);
  useEffect(() => setPublished(undefined), [slug]);
  // The statement language the reader picked, when the package carries several.
  const [statementLang, setStatementLang] = useState<string | null>(null);

  if (problem.loading && !problem.data) {
    return (
      <main className="page" id="main">
        <Loading />
      </main>
    );
  }
  if (problem.error || !problem.data) {
    return (
      <main className="page" id="main">
        <p>
          <Link to="/problems">← {t('nav.problems')}</Link>
        </p>
        <ErrorState message={errorText(problem.error, t)} onRetry={problem.reload} />
      </main>
    );
  }
  const p = { ...problem.data, published: published ?? problem.data.published };
  const lim = formatLimits(p.timeLimitMs, p.memoryLimitMb);
  const statements = p.statements && Object.keys(p.statements).length ? p.statements : null;
  const statementLangs = statements ? Object.keys(statements) : [];
  const shownLang =
    statementLang && statementLangs.includes(statementLang)
      ? statementLang
      : statementLangs.includes(locale)
        ? locale
        : statementLangs.includes('en')
          ? 'en'
          : statementLangs[0];
  const statement = statements ? statements[shownLang] : localized(p.statement, locale);
  const languageName = (code: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };

  return (
    <main className="page page-wide" id="main">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/problems">{t('nav.problems')}</Link>
        <span aria-hidden="true">/</span>
        <span className="mono">{p.slug}</span>
      </nav>
      <div className="problem-head">
        <h1>{localized(p.name, locale) || p.slug}</h1>
        <div className="chips">
          <span className="chip">
            {t('problem.timeLimit')}: <strong>{lim.time}</strong>
          </span>
          <span className="chip">
            {t('problem.memoryLimit')}: <strong>{lim.memory}</strong>
          </span>
          {p.type === 'scoring' && (
            <span className="chip" title={t('problem.scoringHint')}>
              {t('problem.scoring')}
            </span>
          )}
          {p.timeLimitSource === 'pending' && isStaff(user) && (
            <span className="chip" title={t('verify.limitPending')}>
              {t('problem.limitPending')}
            </span>
          )}
          {p.published === false && (
            <span className="badge badge-draft" data-testid="draft-badge">
              {t('problem.draft')}
            </span>
          )}
        </div>
      </div>
      {isStaff(user) && <StaffTabs slug={p.slug} />}
      {created && <Alert tone="success">{t('editor.created')}</Alert>}
      {assignmentId && <AssignmentBanner id={assignmentId} />}
      {isStaff(user) && <StaffTools problem={p} onPublished={setPublished} />}
      <div className="problem-layout">
        <div className="problem-text">
          <section className="card" aria-labelledby="statement-h">
            <div className="statement-head">
              <h2 className="h3" id="statement-h">
                {t('problem.statement')}
              </h2>
              {statementLangs.length > 1 && (
                <select
                  aria-label={t('problem.statementLanguage')}
                  value={shownLang}
                  onChange={(e) => setStatementLang(e.target.value)}
                >
                  {statementLangs.map((l) => (
                    <option key={l} value={l}>
                      {languageName(l)}
                    </option>
                  ))}
                </select>
              )}
            </div>
            {statement ? (
              <Markdown source={statement} title={localized(p.name, locale)} />
            ) : (
              <p className="muted">{t('problem.noStatement')}</p>
            )}
          </section>
          {p.samples.length > 0 && (
            <section className="card" aria-labelledby="samples-h">
              <h2 className="h3" id="samples-h">
                {t('problem.samples')}
              </h2>
              {p.samples.map((s) => (
                <SampleView key={s.name} name={s.name.replace(/^sample\//, '')} input={s.input} answer={s.answer} />
              ))}
            </section>
          )}
        </div>
        <Workspace
          slug={p.slug}
          languages={languages.data ?? FALLBACK_LANGUAGES}
          firstSample={p.samples[0]?.input ?? ''}
          samples={p.samples}
          assignment={assignmentId}
        />
      </div>
    </main>
  );
}

/** "Submitting to assignment …", with a way back to it; or why the assignment cannot be read. */
function AssignmentBanner({ id }: { id: string }) {
  const { t } = useI18n();
  const assignment = useAsync((signal) => api.assignment(id, signal), [id]);
  if (assignment.error) return <Alert>{errorText(assignment.error, t)}</Alert>;
  if (!assignment.data) return null;
  return (
    <div className="alert alert-info assignment-banner" role="status" data-testid="assignment-banner">
      {t('problem.submittingTo')}{' '}
      <Link to={`/assignments/${assignment.data.id}`}>
        <strong>{assignment.data.title}</strong>
      </Link>
    </div>
  );
}

/** Publish / Unpublish and the gradebook download, for the problem's author and admins. */
function StaffTools({ problem, onPublished }: { problem: Problem; onPublished(published: boolean): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [rejudging, setRejudging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const published = problem.published !== false;

  async function togglePublished() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.publish(problem.slug, !published);
      const now = r.published ?? !published;
      onPublished(now);
      setNote(now ? t('problem.publishedNote') : t('problem.unpublishedNote'));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  async function downloadGradebook() {
    setDownloading(true);
    setError(null);
    try {
      const blob = await api.gradebook(problem.slug);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${problem.slug}-gradebook.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setDownloading(false);
    }
  }

  async function rejudgeAll() {
    if (!window.confirm(t('rejudge.allConfirm'))) return;
    setRejudging(true);
    setError(null);
    try {
      const r = await authoring.rejudgeAll(problem.slug);
      setNote(
        t('rejudge.queuedAll', { count: r.count }) + (r.skipped ? ` ${t('rejudge.skipped', { n: r.skipped })}` : ''),
      );
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setRejudging(false);
    }
  }

  return (
    <section className="card staff-tools" aria-label={t('problem.staffTools')}>
      <button
        type="button"
        className={`btn btn-sm ${published ? 'btn-secondary' : 'btn-primary'}`}
        onClick={togglePublished}
        disabled={busy}
      >
        {busy ? t('problem.publishing') : published ? t('problem.unpublish') : t('problem.publish')}
      </button>
      <button type="button" className="btn btn-secondary btn-sm" onClick={downloadGradebook} disabled={downloading}>
        {downloading ? t('problem.gradebookBusy') : t('problem.gradebook')}
      </button>
      <button type="button" className="btn btn-secondary btn-sm" onClick={rejudgeAll} disabled={rejudging}>
        {rejudging ? t('rejudge.busy') : t('rejudge.all')}
      </button>
      <p className="staff-note muted small" role="status">
        {note ?? (published ? t('problem.published') : t('problem.draftNote'))}
      </p>
      {error && <Alert>{error}</Alert>}
    </section>
  );
}

function SampleView({ name, input, answer }: { name: string; input: string; answer: string }) {
  const { t } = useI18n();
  return (
    <div className="sample">
      <h3 className="h4">{t('problem.sample', { name })}</h3>
      <div className="sample-grid">
        <div>
          <div className="sample-label">
            <span>{t('problem.sampleInput')}</span>
            <CopyButton text={input} />
          </div>
          <pre className="pre">{input}</pre>
        </div>
        <div>
          <div className="sample-label">
            <span>{t('problem.sampleAnswer')}</span>
            <CopyButton text={answer} />
          </div>
          <pre className="pre">{answer}</pre>
        </div>
      </div>
    </div>
  );
}

function CopyButton({ text }: { text: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-ghost btn-xs"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? t('problem.copied') : t('problem.copy')}
    </button>
  );
}

function Workspace({
  slug,
  languages,
  firstSample,
  samples,
  assignment,
}: {
  slug: string;
  languages: Language[];
  firstSample: string;
  samples: Sample[];
  /** The assignment submissions go to, if any. */
  assignment: string | null;
}) {
  const { t } = useI18n();
  const user = useUser();
  const [language, setLanguage] = useState<string>(() => {
    const saved = localStorage.getItem(LANG_KEY);
    return saved && TEMPLATES[saved] !== undefined ? saved : 'python';
  });
  const [source, setSource] = useState(() => readDraft(user.id, slug, language));
  const [stdin, setStdin] = useState(firstSample);
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<RunResult | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submissionId, setSubmissionId] = useState<string | null>(null);
  /** The source as submitted (the editor may change after), for the findings' evidence. */
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [focusLine, setFocusLine] = useState<{ line: number; nonce: number } | null>(null);
  const live = useLiveSubmission(submissionId);

  useEffect(() => {
    setSource(readDraft(user.id, slug, language));
  }, [user.id, slug, language]);

  const onSource = useCallback(
    (value: string) => {
      setSource(value);
      try {
        localStorage.setItem(draftKey(user.id, slug, language), value);
      } catch {
        /* storage full */
      }
    },
    [user.id, slug, language],
  );

  const markLines = useMemo(() => findingMarks(live.submission?.security?.findings ?? []), [live.submission]);

  async function onRun() {
    setRunning(true);
    setRunError(null);
    try {
      setRun(await api.run(language, source, stdin));
    } catch (e) {
      setRun(null);
      setRunError(errorText(e, t));
    } finally {
      setRunning(false);
    }
  }

  async function onSubmit() {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const r = await api.submit(slug, language, source, assignment ?? undefined);
      setSubmitted(source);
      setSubmissionId(r.id);
    } catch (e) {
      setSubmitError(errorText(e, t));
    } finally {
      setSubmitting(false);
    }
  }

  const version = languages.find((l) => l.id === language)?.version;
  const judging = live.submission && live.submission.status !== 'done' && live.submission.status !== 'failed';

  return (
    <div className="workspace">
      <section className="card workspace-card" aria-labelledby="editor-label">
        <div className="toolbar">
          <div className="field field-inline">
            <label htmlFor="language">{t('editor.language')}</label>
            <select
              id="language"
              value={language}
              onChange={(e) => {
                setLanguage(e.target.value);
                localStorage.setItem(LANG_KEY, e.target.value);
              }}
            >
              {languages.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            {version && <span className="hint version">{version}</span>}
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => {
              if (window.confirm(t('editor.resetConfirm'))) onSource(TEMPLATES[language] ?? '');
            }}
          >
            {t('editor.reset')}
          </button>
        </div>
        <div className="editor-label-row">
          <span className="label" id="editor-label">
            {t('editor.source')}
          </span>
          <span className="hint" id="editor-hint">
            {t('editor.shortcutHint')}
          </span>
        </div>
        <CodeEditor
          value={source}
          onChange={onSource}
          language={language}
          label={t('editor.source')}
          labelledBy="editor-hint"
          markLines={markLines}
          focusLine={focusLine}
        />

        <div className="run-panel">
          <div className="field">
            <label htmlFor="stdin">{t('run.input')}</label>
            <textarea
              id="stdin"
              className="mono"
              rows={3}
              spellCheck={false}
              value={stdin}
              onChange={(e) => setStdin(e.target.value)}
            />
          </div>
          <div className="actions">
            <button type="button" className="btn btn-secondary" onClick={onRun} disabled={running}>
              {running ? (
                <>
                  <span className="spinner spinner-sm" aria-hidden="true" /> {t('run.running')}
                </>
              ) : (
                <>
                  <span aria-hidden="true">▶</span> {t('run.run')}
                </>
              )}
            </button>
            <button type="button" className="btn btn-primary" onClick={onSubmit} disabled={submitting || !!judging}>
              {submitting ? t('submit.submitting') : t('submit.submit')}
            </button>
          </div>
          {runError && <Alert>{runError}</Alert>}
          {run && <RunOutput run={run} />}
        </div>
      </section>

      {submitError && <Alert>{submitError}</Alert>}
      {live.error != null && <Alert>{errorText(live.error, t)}</Alert>}
      {submissionId && (
        <section className="card" aria-label={t('judge.title')}>
          {live.submission ? (
            <JudgeResult
              submission={live.submission}
              streamProblem={live.streamProblem}
              source={submitted}
              samples={samples}
              onFindingClick={(f: SecurityFinding) => f.line && setFocusLine({ line: f.line, nonce: Date.now() })}
            />
          ) : (
            !live.error && <Loading />
          )}
          {live.submission?.assignment?.practice && <p className="muted small">{t('problem.practiceNote')}</p>}
          {!!live.submission?.assignment?.latePenaltyPercent && (
            <p className="late-penalty">
              {t('assignment.latePenalty', { n: live.submission.assignment.latePenaltyPercent })}
            </p>
          )}
          <p className="result-foot">
            <Link to={`/submissions/${submissionId}`}>{t('submit.viewFull')} →</Link>
            {assignment && (
              <>
                {' · '}
                <Link to={`/assignments/${assignment}`}>{t('problem.backToAssignment')} →</Link>
              </>
            )}
          </p>
        </section>
      )}
    </div>
  );
}

function RunOutput({ run }: { run: RunResult }) {
  const { t } = useI18n();
  return (
    <div className="run-output" role="status" aria-live="polite">
      <div className="run-meta">
        <VerdictBadge verdict={run.verdict} />
        {run.timeMs != null && <span className="chip">{run.timeMs} ms</span>}
        {run.memoryKb != null && <span className="chip">{run.memoryKb} KB</span>}
        {run.exitCode != null && run.exitCode !== 0 && (
          <span className="chip">{t('run.exitCode', { code: run.exitCode })}</span>
        )}
      </div>
      {run.compileOutput && (
        <>
          <h3 className="h5">{t('run.compileOutput')}</h3>
          <pre className="pre pre-compile">{run.compileOutput}</pre>
        </>
      )}
      <h3 className="h5">{t('run.stdout')}</h3>
      <pre className="pre" data-testid="run-stdout">
        {run.stdout || <span className="muted">{t('run.empty')}</span>}
      </pre>
      {run.stdoutTruncated && <p className="muted small">{t('run.truncated')}</p>}
      {run.stderr && (
        <>
          <h3 className="h5">{t('run.stderr')}</h3>
          <pre className="pre pre-stderr" data-testid="run-stderr">
            {run.stderr}
          </pre>
        </>
      )}
    </div>
  );
}
