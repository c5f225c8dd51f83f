import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorText, localized, type Assignment, type Course, type ScoreboardMode } from '../api';
import { Alert, ErrorState, Loading } from '../components/common';
import { Markdown } from '../components/Markdown';
import {
  Countdown,
  LatePolicyText,
  PhaseBadge,
  phaseOf,
  points,
  ProblemStatusBadge,
  When,
  type Phase,
} from '../components/Schedule';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { useNow } from '../time';

/** An assignment: its schedule and rules; a student's own standing, or (staff) the gradebook and scoreboard. */
export function AssignmentPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const now = useNow();
  const assignment = useAsync((signal) => api.assignment(id, signal), [id]);
  const courseId = assignment.data?.courseId;
  const course = useAsync(
    (signal) => (courseId ? api.course(courseId, signal) : Promise.resolve(undefined)),
    [courseId],
  );

  if (assignment.error || course.error) {
    return (
      <main className="page" id="main">
        <p>
          <Link to="/courses">← {t('nav.courses')}</Link>
        </p>
        <ErrorState message={errorText(assignment.error ?? course.error, t)} onRetry={assignment.reload} />
      </main>
    );
  }
  if (!assignment.data || !course.data) {
    return (
      <main className="page" id="main">
        <Loading />
      </main>
    );
  }
  const a = assignment.data;
  const c = course.data;
  const staff = c.myRole !== 'student';
  const phase = phaseOf(a, now);
  return (
    <main className="page" id="main">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/courses">{t('nav.courses')}</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/courses/${c.id}`}>{c.name}</Link>
        <span aria-hidden="true">/</span>
        <span>{a.title}</span>
      </nav>
      <div className="problem-head">
        <h1>{a.title}</h1>
        <div className="chips">
          <PhaseBadge phase={phase} />
          <span className="chip">{t(a.counting === 'best' ? 'assignment.countBest' : 'assignment.countLast')}</span>
          {a.maxAttempts !== null && <span className="chip">{t('assignment.attempts', { n: a.maxAttempts })}</span>}
        </div>
      </div>
      <ScheduleCard a={a} zone={c.timeZone} now={now} phase={phase} />
      {a.description && (
        <section className="card course-section">
          <Markdown source={a.description} />
        </section>
      )}
      {staff ? <StaffView a={a} course={c} onChanged={assignment.reload} /> : <StudentView a={a} phase={phase} />}
    </main>
  );
}

function ScheduleCard({ a, zone, now, phase }: { a: Assignment; zone: string; now: number; phase: Phase }) {
  const { t } = useI18n();
  return (
    <section className="card course-section" aria-label={t('assignment.schedule')}>
      <dl className="assignment-dates">
        <div>
          <dt>{t('assignment.opens')}</dt>
          <dd>
            <When iso={a.opensAt} zone={zone} />
          </dd>
        </div>
        <div>
          <dt>{t('assignment.deadline')}</dt>
          <dd>
            <When iso={a.closesAt} zone={zone} />
            <Countdown closesAt={a.closesAt} now={now} />
          </dd>
        </div>
        <div>
          <dt>{t('assignment.latePolicy')}</dt>
          <dd>
            <LatePolicyText a={a} zone={zone} />
          </dd>
        </div>
      </dl>
      {phase === 'upcoming' && <Alert tone="info">{t('assignment.notOpen')}</Alert>}
      {phase === 'late' && (
        <Alert tone="info">
          {t('assignment.lateNow')} <LatePolicyText a={a} zone={zone} />
        </Alert>
      )}
      {phase === 'closed' && <Alert>{t('assignment.closed')}</Alert>}
      {phase === 'practice' && <Alert tone="info">{t('assignment.practiceOnly')}</Alert>}
    </section>
  );
}

function StudentView({ a, phase }: { a: Assignment; phase: Phase }) {
  const { t, locale } = useI18n();
  if (!a.mine) return null;
  const total = a.problems.reduce((s, p) => s + p.points, 0);
  const canSubmit = phase === 'open' || phase === 'late' || phase === 'practice';
  return (
    <section className="card card-flush course-section" aria-labelledby="mine-h">
      <h2 className="h3 card-title" id="mine-h">
        {t('assignment.problems')}
      </h2>
      <div className="table-wrap">
        <table className="table" data-testid="my-standing">
          <thead>
            <tr>
              <th scope="col">{t('history.problem')}</th>
              <th scope="col">{t('assignment.status')}</th>
              <th scope="col" className="num">
                {t('assignment.attemptsCol')}
              </th>
              <th scope="col" className="num">
                {t('assignment.counted')}
              </th>
              <th scope="col" className="num">
                {t('assignment.earned')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('assignment.solve')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {a.mine.problems.map((s) => {
              const info = a.problems.find((p) => p.problem === s.problem);
              return (
                <tr key={s.problem} data-problem={s.problem}>
                  <td>
                    {localized(info?.name, locale) || s.problem} <span className="mono muted small">{s.problem}</span>
                  </td>
                  <td>
                    <ProblemStatusBadge status={s.status} />
                  </td>
                  <td className="num mono">{a.maxAttempts !== null ? `${s.attempts}/${a.maxAttempts}` : s.attempts}</td>
                  <td className="num mono">
                    {s.counted ? (
                      <Link to={`/submissions/${s.counted.submission}`}>
                        {s.counted.score === null ? '…' : `${points(s.counted.score)}%`}
                      </Link>
                    ) : (
                      '—'
                    )}
                    {s.counted && s.counted.latePenaltyPercent > 0 && (
                      <span className="late-penalty">
                        {t('assignment.latePenalty', { n: s.counted.latePenaltyPercent })}
                      </span>
                    )}
                  </td>
                  <td className="num mono" data-testid="earned">
                    {points(s.earned)} / {s.points}
                  </td>
                  <td className="num">
                    {canSubmit && (
                      <Link
                        to={`/problems/${encodeURIComponent(s.problem)}?assignment=${a.id}`}
                        className="btn btn-primary btn-xs"
                      >
                        {t('assignment.solve')}
                      </Link>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {t('assignment.total')}
              </th>
              <td className="num mono" data-testid="my-total">
                {points(a.mine.total)} / {total}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function StaffView({ a, course, onChanged }: { a: Assignment; course: Course; onChanged(): void }) {
  const { t, locale } = useI18n();
  return (
    <>
      <section className="card course-section" aria-labelledby="items-h">
        <h2 className="h3" id="items-h">
          {t('assignment.problems')}
        </h2>
        <ul className="plain-list">
          {a.problems.map((p) => (
            <li key={p.problem}>
              <Link to={`/problems/${encodeURIComponent(p.problem)}?assignment=${a.id}`}>
                {localized(p.name, locale) || p.problem}
              </Link>{' '}
              <span className="mono muted small">{p.problem}</span> · {t('assignment.pointsN', { n: p.points })}
            </li>
          ))}
        </ul>
      </section>
      <GradebookView a={a} />
      <ScoreboardView a={a} instructor={course.myRole === 'instructor'} onChanged={onChanged} />
    </>
  );
}

function GradebookView({ a }: { a: Assignment }) {
  const { t, locale } = useI18n();
  const book = useAsync((signal) => api.assignmentGradebook(a.id, signal), [a.id]);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setDownloading(true);
    setError(null);
    try {
      const blob = await api.assignmentGradebookCsv(a.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${a.title.replace(/[^\p{L}\p{N}-]+/gu, '-')}-gradebook.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <section className="card course-section" aria-labelledby="gradebook-h">
      <div className="section-head">
        <h2 className="h3" id="gradebook-h">
          {t('gradebook.title')}
        </h2>
        <div className="head-actions">
          <button type="button" className="btn btn-ghost btn-sm" onClick={book.reload}>
            {t('gradebook.refresh')}
          </button>
          <button type="button" className="btn btn-secondary btn-sm" onClick={download} disabled={downloading}>
            {downloading ? t('problem.gradebookBusy') : t('gradebook.csv')}
          </button>
        </div>
      </div>
      {error && <Alert>{error}</Alert>}
      {book.error ? (
        <ErrorState message={errorText(book.error, t)} onRetry={book.reload} />
      ) : !book.data ? (
        <Loading />
      ) : book.data.students.length === 0 ? (
        <p className="empty-inline">{t('gradebook.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="gradebook" aria-busy={book.loading}>
            <thead>
              <tr>
                <th scope="col">{t('gradebook.student')}</th>
                {book.data.problems.map((p) => (
                  <th scope="col" className="num" key={p.problem} title={localized(p.name, locale)}>
                    {p.problem} ({p.points})
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('gradebook.total', { n: book.data.totalPoints })}
                </th>
              </tr>
            </thead>
            <tbody>
              {book.data.students.map((s) => (
                <tr key={s.id} data-email={s.email}>
                  <td>
                    <Link to={`/assignments/${a.id}/students/${s.id}`} data-testid="student-link">
                      {s.name}
                    </Link>{' '}
                    <span className="cell-email muted small">{s.email}</span>
                  </td>
                  {s.problems.map((p) => (
                    <td key={p.problem} className="num mono">
                      {p.counted ? (
                        <Link
                          to={`/submissions/${p.counted.submission}`}
                          title={t(`standing.${p.status}` as MessageKey)}
                        >
                          {points(p.earned)}
                        </Link>
                      ) : (
                        <span className="muted">—</span>
                      )}
                      {p.counted && p.counted.latePenaltyPercent > 0 && (
                        <span className="late-penalty">
                          {t('assignment.latePenalty', { n: p.counted.latePenaltyPercent })}
                        </span>
                      )}
                    </td>
                  ))}
                  <td className="num mono" data-testid="student-total">
                    <strong>{points(s.total)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ScoreboardView({ a, instructor, onChanged }: { a: Assignment; instructor: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const board = useAsync(
    (signal) => (a.scoreboard === 'off' ? Promise.resolve(null) : api.scoreboard(a.id, signal)),
    [a.id, a.scoreboard],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (a.scoreboard === 'off') return null;

  async function toggle() {
    const next: ScoreboardMode = a.scoreboard === 'shown' ? 'hidden' : 'shown';
    setBusy(true);
    setError(null);
    try {
      await api.updateAssignment(a.id, { scoreboard: next });
      onChanged();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card course-section" aria-labelledby="board-h">
      <div className="section-head">
        <div>
          <h2 className="h3" id="board-h">
            {t('scoreboard.title')}
          </h2>
          <p className="hint" role="status">
            {a.scoreboard === 'shown' ? t('scoreboard.shownNote') : t('scoreboard.hiddenNote')}
          </p>
        </div>
        {instructor && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={toggle} disabled={busy}>
            {a.scoreboard === 'shown' ? t('scoreboard.hide') : t('scoreboard.show')}
          </button>
        )}
      </div>
      {error && <Alert>{error}</Alert>}
      {board.error ? (
        <ErrorState message={errorText(board.error, t)} onRetry={board.reload} />
      ) : !board.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="scoreboard">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('scoreboard.rank')}
                </th>
                <th scope="col">{t('gradebook.student')}</th>
                {board.data.by === 'icpc' ? (
                  <>
                    <th scope="col" className="num">
                      {t('scoreboard.solved')}
                    </th>
                    <th scope="col" className="num">
                      {t('scoreboard.penalty')}
                    </th>
                  </>
                ) : (
                  <th scope="col" className="num">
                    {t('scoreboard.score')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {board.data.rows.map((r, i) => (
                <tr key={`${r.rank}-${i}`}>
                  <td className="num mono">{r.rank}</td>
                  <td>{r.student}</td>
                  {board.data!.by === 'icpc' ? (
                    <>
                      <td className="num mono">{r.solved}</td>
                      <td className="num mono">{r.penalty}</td>
                    </>
                  ) : (
                    <td className="num mono">{points(r.score)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
