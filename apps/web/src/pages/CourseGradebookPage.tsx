import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorText } from '../api';
import { Alert, ErrorState, Loading } from '../components/common';
import { points } from '../components/Schedule';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

/** A course's gradebook (staff): every student's points in each assignment, by deadline, and in all. */
export function CourseGradebookPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const book = useAsync((signal) => api.courseGradebook(id, signal), [id]);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download(name: string) {
    setDownloading(true);
    setError(null);
    try {
      const blob = await api.courseGradebookCsv(id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${name.replace(/[^\p{L}\p{N}-]+/gu, '-')}-gradebook.csv`;
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

  if (book.error) {
    return (
      <main className="page" id="main">
        <p>
          <Link to={`/courses/${id}`}>← {t('nav.courses')}</Link>
        </p>
        <ErrorState message={errorText(book.error, t)} onRetry={book.reload} />
      </main>
    );
  }
  if (!book.data) {
    return (
      <main className="page" id="main">
        <Loading />
      </main>
    );
  }
  const g = book.data;
  return (
    <main className="page" id="main">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/courses">{t('nav.courses')}</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/courses/${g.course.id}`}>{g.course.name}</Link>
        <span aria-hidden="true">/</span>
        <span>{t('courseGradebook.title')}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>{t('courseGradebook.title')}</h1>
          <p className="lead">{t('courseGradebook.lead')}</p>
        </div>
      </div>
      <section className="card course-section" aria-labelledby="course-gradebook-h">
        <div className="section-head">
          <h2 className="h3" id="course-gradebook-h">
            {g.course.name}
          </h2>
          <div className="head-actions">
            <button type="button" className="btn btn-ghost btn-sm" onClick={book.reload}>
              {t('gradebook.refresh')}
            </button>
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              onClick={() => download(g.course.name)}
              disabled={downloading}
            >
              {downloading ? t('problem.gradebookBusy') : t('gradebook.csv')}
            </button>
          </div>
        </div>
        {error && <Alert>{error}</Alert>}
        {g.students.length === 0 ? (
          <p className="empty-inline">{t('gradebook.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="course-gradebook" aria-busy={book.loading}>
              <thead>
                <tr>
                  <th scope="col">{t('gradebook.student')}</th>
                  {g.assignments.map((a) => (
                    <th scope="col" className="num th-title" key={a.id}>
                      <Link to={`/assignments/${a.id}`}>{a.title}</Link>{' '}
                      <span className="muted small">({a.points})</span>
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('gradebook.total', { n: g.totalPoints })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {g.students.map((s) => (
                  <tr key={s.id} data-email={s.email}>
                    <td>
                      {s.name} <span className="cell-email muted small">{s.email}</span>
                    </td>
                    {s.assignments.map((earned, i) => (
                      <td key={g.assignments[i]?.id ?? i} className="num mono">
                        {g.assignments[i] ? (
                          <Link
                            to={`/assignments/${g.assignments[i].id}/students/${s.id}`}
                            title={t('courseGradebook.details', { name: s.name, title: g.assignments[i].title })}
                          >
                            {points(earned)}
                          </Link>
                        ) : (
                          points(earned)
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
    </main>
  );
}
