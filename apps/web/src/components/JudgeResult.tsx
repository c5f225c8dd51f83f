import type { FindingEvidence, Sample, SecurityFinding, SecurityReport, Submission, TestResult } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { pathRows } from '../evidence-steps';
import { Alert, StatusBadge, VerdictBadge } from './common';

export interface LiveProgress {
  /** Tests finished so far, from `test` events. */
  done: number;
  total?: number;
}

/** Progress, then the verdict, score, test table, compiler output and security findings. */
export function JudgeResult({
  submission,
  progress,
  streamProblem,
  onFindingClick,
  source,
  samples,
}: {
  submission: Submission;
  progress?: LiveProgress;
  streamProblem?: boolean;
  onFindingClick?: (f: SecurityFinding) => void;
  /** The submitted source, for showing a dataflow's lines. */
  source?: string | null;
  /** The problem's sample tests (what the problem page shows anyone), for a run's input. */
  samples?: Sample[] | null;
}) {
  const { t } = useI18n();
  const s = submission;
  const finished = s.status === 'done' || s.status === 'failed';
  const total = progress?.total ?? s.testCount;
  const done = Math.max(progress?.done ?? 0, s.tests.length);

  return (
    <section className="result" aria-labelledby={`result-${s.id}`} aria-busy={!finished}>
      <div className="result-head">
        <h2 id={`result-${s.id}`} className="h3">
          {t('judge.title')}
        </h2>
        <div className="result-summary" aria-live="polite">
          {finished && s.verdict ? (
            <VerdictBadge verdict={s.verdict} size="lg" accepted={s.accepted} />
          ) : (
            <StatusBadge status={s.status} />
          )}
          {finished && s.maxScore != null && s.score != null && (
            <span className="score">
              <span className="muted">{t('judge.score')}</span>{' '}
              <strong>
                {s.score}/{s.maxScore}
              </strong>
            </span>
          )}
          {finished && s.security?.verdict && <SecurityVerdict security={s.security} />}
        </div>
      </div>
      {finished && s.accepted !== undefined && s.status === 'done' && (
        <div className={`accepted-banner ${s.accepted ? 'accepted-yes' : 'accepted-no'}`} data-testid="accepted">
          <strong>{s.accepted ? t('judge.accepted') : t('judge.notAccepted')}</strong>
          {s.accepted && <span className="muted small">{t('judge.acceptedHint')}</span>}
        </div>
      )}

      {!finished && (
        <div className="progress-wrap" role="status" aria-live="polite">
          <p className="progress-text">
            {s.status === 'queued'
              ? t('judge.queued')
              : s.status === 'compiling'
                ? t('judge.compiling')
                : s.status === 'analyzing'
                  ? t('judge.analyzing')
                  : total
                    ? t('judge.runningOf', { n: Math.min(done + 1, total), total })
                    : t('judge.running', { n: done + 1 })}
          </p>
          <div
            className={`progress${total ? '' : ' progress-indeterminate'}`}
            role="progressbar"
            aria-label={t('judge.tests')}
            aria-valuemin={0}
            aria-valuemax={total ?? undefined}
            aria-valuenow={total ? done : undefined}
          >
            <span style={total ? { width: `${Math.round((done / total) * 100)}%` } : undefined} />
          </div>
        </div>
      )}
      {streamProblem && !finished && <p className="muted small">{t('judge.connectionLost')}</p>}
      {s.status === 'failed' && <Alert>{t('judge.failed')}</Alert>}

      {s.groups && s.groups.length > 0 && (
        <div className="table-wrap">
          <table className="table groups-table">
            <caption className="table-caption">{t('judge.groups')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('judge.group')}</th>
                <th scope="col">{t('judge.verdict')}</th>
                <th scope="col" className="num">
                  {t('judge.score')}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.groups.map((g) => (
                <tr key={g.name}>
                  <td className="mono">{g.name}</td>
                  <td>{g.verdict ? <VerdictBadge verdict={g.verdict} /> : '—'}</td>
                  <td className="num mono">
                    {g.score != null && g.maxScore != null ? `${g.score}/${g.maxScore}` : (g.score ?? '—')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {s.tests.length > 0 && (
        <div className="table-wrap">
          <table className="table tests-table">
            <caption className="sr-only">{t('judge.tests')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('judge.test')}</th>
                <th scope="col">{t('judge.verdict')}</th>
                <th scope="col" className="num">
                  {t('judge.time')}
                </th>
                <th scope="col" className="num">
                  {t('judge.memory')}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.tests.map((test, i) => (
                <tr key={`${test.name}-${i}`}>
                  <td>
                    <span className="mono">{test.name}</span>
                    {test.kind && (
                      <span className={`tag${test.kind === 'attack' ? ' tag-attack' : ''}`}>
                        {test.kind === 'sample'
                          ? t('judge.sample')
                          : test.kind === 'attack'
                            ? t('judge.attack')
                            : t('judge.secret')}
                      </span>
                    )}
                    {test.message && <div className="test-message">{test.message}</div>}
                  </td>
                  <td>
                    <VerdictBadge verdict={test.verdict} />
                  </td>
                  <td className="num mono">{test.timeMs ?? '—'}</td>
                  <td className="num mono">{test.memoryKb ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {s.compileOutput && (
        <div className="output-block">
          <h3 className="h4">{t('judge.compileOutput')}</h3>
          <pre className="pre pre-compile">{s.compileOutput}</pre>
        </div>
      )}

      {finished && <SecurityPanel submission={s} onFindingClick={onFindingClick} source={source} samples={samples} />}
    </section>
  );
}

/** "Secure", "Vulnerable" or "Not analysed" as a badge, with the security score beside it. */
export function SecurityVerdict({ security }: { security: SecurityReport }) {
  const { t } = useI18n();
  const vulnerable = security.verdict === 'vulnerable';
  const unanalysed = security.verdict === 'unanalysed';
  return (
    <span className="security-verdict" data-testid="security-verdict">
      <span
        className={`badge badge-${vulnerable ? 'danger' : unanalysed ? 'neutral' : 'success'}`}
        title={unanalysed ? t('security.unanalysedHint') : t('judge.security')}
      >
        <svg className="icon icon-sm" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5z" />
        </svg>
        {vulnerable ? t('security.vulnerable') : unanalysed ? t('security.unanalysed') : t('security.secure')}
      </span>
      {security.score != null && security.maxScore != null && (
        <span className="score">
          <span className="muted">{t('security.score')}</span>{' '}
          <strong>
            {security.score}/{security.maxScore}
          </strong>
        </span>
      )}
    </span>
  );
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

function cweNumber(cwe: string | number): string | null {
  const m = String(cwe).match(/(\d+)/);
  return m ? m[1] : null;
}

/** Lists `security.findings[]` when the API sends them; an empty state otherwise. */
export function SecurityPanel({
  submission,
  onFindingClick,
  source,
  samples,
}: {
  submission: Submission;
  onFindingClick?: (f: SecurityFinding) => void;
  source?: string | null;
  samples?: Sample[] | null;
}) {
  const { t } = useI18n();
  const sourceLines = source == null ? null : source.split('\n');
  const findings = submission.security?.findings ?? [];
  const sorted = [...findings].sort(
    (a, b) => SEVERITIES.indexOf(a.severity?.toLowerCase()) - SEVERITIES.indexOf(b.severity?.toLowerCase()),
  );
  return (
    <section className="security" aria-labelledby={`security-${submission.id}`}>
      <h3 className="h4" id={`security-${submission.id}`}>
        <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5z" />
        </svg>
        {t('security.title')}
        {findings.length > 0 && <span className="count">{findings.length}</span>}
      </h3>
      {!submission.security ? (
        <p className="empty-inline">{t('security.pending')}</p>
      ) : sorted.length === 0 ? (
        <p className="empty-inline">{t('security.none')}</p>
      ) : (
        <ul className="findings">
          {sorted.map((f, i) => {
            const n = cweNumber(f.cwe);
            const sev = (f.severity ?? 'info').toLowerCase();
            const sevKey = `security.severity.${sev}` as MessageKey;
            return (
              <li key={i} className={`finding finding-${sev}`}>
                <div className="finding-head">
                  <span className={`badge badge-sev-${sev}`}>{SEVERITIES.includes(sev) ? t(sevKey) : f.severity}</span>
                  {n ? (
                    <a
                      href={f.cweUrl || `https://cwe.mitre.org/data/definitions/${n}.html`}
                      target="_blank"
                      rel="noreferrer noopener"
                      title={f.cweName ?? undefined}
                    >
                      CWE-{n}
                    </a>
                  ) : (
                    <span>{String(f.cwe)}</span>
                  )}
                  {f.cweName && <span className="finding-cwe-name">{f.cweName}</span>}
                  {f.line != null &&
                    f.line > 0 &&
                    (onFindingClick ? (
                      <button type="button" className="link-button" onClick={() => onFindingClick(f)}>
                        {t('security.line', { line: f.line })}
                      </button>
                    ) : (
                      <span className="muted">{t('security.line', { line: f.line })}</span>
                    ))}
                </div>
                <p className="finding-message">{f.message}</p>
                {(f.tool || f.ruleId) && (
                  <p className="finding-tool muted small">{[f.tool, f.ruleId].filter(Boolean).join(' · ')}</p>
                )}
                {f.evidence && (
                  <FindingEvidenceView
                    evidence={f.evidence}
                    sourceLines={sourceLines}
                    samples={samples ?? []}
                    tests={submission.tests}
                    onLineClick={onFindingClick && ((line) => onFindingClick({ ...f, line }))}
                  />
                )}
                {f.fixHint && (
                  <p className="finding-fix">
                    <strong>{t('security.fix')}:</strong> {f.fixHint}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const STEP_KINDS = ['input', 'origin', 'sink', 'temp-name', 'create', 'pointer'];
/** A sample's input is shown up to this much (the problem page has it in full). */
const SAMPLE_SHOWN = 2000;

/**
 * A finding's evidence: for a run, the test it was found on, and that test's input only when it is
 * a sample (taken from the problem's samples, which the problem page shows anyway; a hidden test's
 * input never reaches the browser); for a dataflow, its lines of the submitted source, numbered.
 */
function FindingEvidenceView({
  evidence,
  sourceLines,
  samples,
  tests,
  onLineClick,
}: {
  evidence: FindingEvidence;
  sourceLines: string[] | null;
  samples: Sample[];
  tests: TestResult[];
  onLineClick?: (line: number) => void;
}) {
  const { t } = useI18n();
  if (evidence.kind === 'run' && typeof evidence.test === 'string') {
    const isSample = tests.some((x) => x.name === evidence.test && x.kind === 'sample');
    const sample = isSample ? samples.find((x) => x.name === evidence.test) : undefined;
    const input =
      sample && (sample.input.length > SAMPLE_SHOWN ? `${sample.input.slice(0, SAMPLE_SHOWN)}…` : sample.input);
    return (
      <div className="finding-evidence" data-testid="finding-evidence">
        <p className="finding-evidence-run">{t('security.evidence.run', { test: evidence.test })}</p>
        {input != null && (
          <>
            <p className="finding-evidence-label muted small">{t('security.evidence.sampleInput')}</p>
            <pre className="pre finding-evidence-input">{input}</pre>
          </>
        )}
      </div>
    );
  }
  if (evidence.kind === 'dataflow' && Array.isArray(evidence.steps) && evidence.steps.length > 0) {
    return (
      <div className="finding-evidence" data-testid="finding-evidence">
        <p className="finding-evidence-label muted small">{t('security.evidence.path')}</p>
        <ol className="finding-path">
          {pathRows(evidence.steps).map((step, i) => {
            const code = sourceLines?.[step.line - 1];
            const whats = step.whats
              .filter((w) => STEP_KINDS.includes(w))
              .map((w) => t(`security.step.${w}` as MessageKey));
            const what = whats.length ? whats.join(' · ') : null;
            return (
              <li key={i} className="finding-step">
                {onLineClick ? (
                  <button
                    type="button"
                    className="link-button finding-step-line mono"
                    onClick={() => onLineClick(step.line)}
                    title={t('security.evidence.lineOf', { line: step.line })}
                  >
                    {step.line}
                  </button>
                ) : (
                  <span className="finding-step-line mono">{step.line}</span>
                )}
                <code className="finding-step-code">
                  {code != null ? code.trim() || ' ' : t('security.evidence.lineOf', { line: step.line })}
                </code>
                {what && <span className="finding-step-what muted small">{what}</span>}
              </li>
            );
          })}
        </ol>
      </div>
    );
  }
  return null;
}
