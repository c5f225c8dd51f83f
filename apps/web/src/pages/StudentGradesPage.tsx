import { Link, useParams } from 'react-router-dom';
import { api, ApiError, errorText, localized } from '../api';
import { ErrorState, Loading } from '../components/common';
import { points, ProblemStatusBadge, When } from '../components/Schedule';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

/** One student's results in an assignment, problem by problem (staff, for office hours; or the student). */
export function StudentGradesPage() {
  const { id = '', userId = '' } = useParams();
  const { t, locale } = useI18n();
  const assignment = useAsync((signal) => api.assignment(id, signal), [id]);
  const student = useAsync((signal) => api.assignmentStudent(id, userId, signal), [id, userId]);
  const courseId = assignment.data?.courseId;
  const course = useAsync(
    (signal) => (courseId ? api.course(courseId, signal) : Promise.resolve(undefined)),
    [courseId],
  );

  const error = assignment.error ?? student.error ?? course.error;
  if (error) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <main className="page" id="main">
        <p>
          {assignment.data ? (
            <Link to={`/assignments/${assignment.data.id}`}>← {assignment.data.title}</Link>
          ) : (
            <Link to="/courses">← {t('nav.courses')}</Link>
          )}
        </p>
        {notFound ? (
          <div className="card empty" data-testid="student-not-found">
            <h1 className="h3">{t('studentGrades.notFound')}</h1>
            <p className="muted">{errorText(error, t)}</p>
          </div>
        ) : (
          <ErrorState
            message={errorText(error, t)}
            onRetry={() => {
              assignment.reload();
              student.reload();
              course.reload();
            }}
          />
        )}
      </main>
    );
  }
  if (!assignment.data || !student.data || !course.data) {
    return (
      <main className="page" id="main">
        <Loading />
      </main>
    );
  }
  const a = assignment.data;
  const s = student.data;
  const c = course.data;
  const total = s.problems.reduce((sum, p) => sum + p.points, 0);
  return (
    <main className="page" id="main">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/courses">{t('nav.courses')}</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/courses/${c.id}`}>{c.name}</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/assignments/${a.id}`}>{a.title}</Link>
        <span aria-hidden="true">/</span>
        <span>{s.name}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>{s.name}</h1>
          <p className="lead">
            <span className="cell-email" data-testid="student-email">
              {s.email}
            </span>{' '}
            · {t('studentGrades.in', { title: a.title })}
          </p>
        </div>
        <div className="enrolment">
          <span className="label">{t('assignment.total')}</span>
          <strong className="mono student-total" data-testid="student-total">
            {t('course.myScore', { earned: points(s.total), total })}
          </strong>
        </div>
      </div>
      <section className="card card-flush course-section" aria-labelledby="student-problems-h">
        <h2 className="h3 card-title" id="student-problems-h">
          {t('assignment.problems')}
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="student-grades">
            <thead>
              <tr>
                <th scope="col">{t('history.problem')}</th>
                <th scope="col">{t('assignment.status')}</th>
                <th scope="col" className="num">
                  {t('assignment.attemptsCol')}
                </th>
                <th scope="col">{t('studentGrades.submission')}</th>
                <th scope="col">{t('studentGrades.submittedAt')}</th>
                <th scope="col" className="num">
                  {t('studentGrades.score')}
                </th>
                <th scope="col" className="num">
                  {t('studentGrades.penalty')}
                </th>
                <th scope="col" className="num">
                  {t('assignment.earned')}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.problems.map((p) => {
                const info = a.problems.find((x) => x.problem === p.problem);
                return (
                  <tr key={p.problem} data-problem={p.problem}>
                    <td>
                      {localized(info?.name, locale) || p.problem} <span className="mono muted small">{p.problem}</span>
                    </td>
                    <td>
                      <ProblemStatusBadge status={p.status} />
                    </td>
                    <td className="num mono">
                      {a.maxAttempts !== null ? `${p.attempts}/${a.maxAttempts}` : p.attempts}
                    </td>
                    <td className="mono">
                      {p.counted ? (
                        <Link
                          to={`/submissions/${p.counted.submission}`}
                          data-testid="counted-submission"
                          title={p.counted.submission}
                        >
                          #{p.counted.submission.slice(0, 8)}
                        </Link>
                      ) : (
                        <span className="muted">{t('studentGrades.none')}</span>
                      )}
                    </td>
                    <td>{p.counted ? <When iso={p.counted.submittedAt} zone={c.timeZone} /> : '—'}</td>
                    <td className="num mono">
                      {p.counted ? (p.counted.score === null ? '…' : `${points(p.counted.score)}%`) : '—'}
                    </td>
                    <td className="num mono">
                      {!p.counted ? (
                        '—'
                      ) : p.counted.latePenaltyPercent > 0 ? (
                        <span className="late-penalty">
                          {t('assignment.latePenalty', { n: p.counted.latePenaltyPercent })}
                        </span>
                      ) : (
                        <span className="muted">{t('studentGrades.onTime')}</span>
                      )}
                    </td>
                    <td className="num mono grade-cell" data-testid="earned">
                      {points(p.earned)} / {p.points}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={7}>
                  {t('assignment.total')}
                </th>
                <td className="num mono grade-cell" data-testid="total">
                  {points(s.total)} / {total}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </main>
  );
}
