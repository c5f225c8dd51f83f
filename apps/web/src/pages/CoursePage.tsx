import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, errorText, type Assignment, type Course, type RosterImport } from '../api';
import { Alert, ErrorState, Loading } from '../components/common';
import { AssignmentForm } from '../components/AssignmentForm';
import { Countdown, PhaseBadge, phaseOf, points, When } from '../components/Schedule';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { useNow } from '../time';

/** A course: its assignments with their schedule; staff also see the code, members and the forms. */
export function CoursePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const joined = (useLocation().state as { joined?: boolean } | null)?.joined === true;
  const course = useAsync((signal) => api.course(id, signal), [id]);
  const assignments = useAsync((signal) => api.courseAssignments(id, signal), [id]);
  const [created, setCreated] = useState<Assignment | null>(null);
  // A new key empties the form once an assignment is created.
  const [formKey, setFormKey] = useState(0);

  if (course.error) {
    return (
      <main className="page" id="main">
        <p>
          <Link to="/courses">← {t('nav.courses')}</Link>
        </p>
        <ErrorState message={errorText(course.error, t)} onRetry={course.reload} />
      </main>
    );
  }
  if (!course.data) {
    return (
      <main className="page" id="main">
        <Loading />
      </main>
    );
  }
  const c = course.data;
  const staff = c.myRole !== 'student';
  return (
    <main className="page" id="main">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/courses">{t('nav.courses')}</Link>
        <span aria-hidden="true">/</span>
        <span>{c.name}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>{c.name}</h1>
          <p className="lead">{[c.term, t('course.zone', { zone: c.timeZone })].filter(Boolean).join(' · ')}</p>
        </div>
        {staff && c.enrolmentCode !== undefined && (
          <div className="enrolment">
            <span className="label">{t('course.code')}</span>
            {c.enrolmentCode ? (
              <code className="mono enrolment-code" data-testid="enrolment-code">
                {c.enrolmentCode}
              </code>
            ) : (
              <span className="muted">{t('course.codeOff')}</span>
            )}
            <span className="hint">{t('course.codeHint')}</span>
          </div>
        )}
      </div>
      {joined && <Alert tone="success">{t('course.joined', { name: c.name })}</Alert>}
      <section aria-labelledby="assignments-h">
        <div className="section-head">
          <h2 className="h3" id="assignments-h">
            {t('course.assignments')}
          </h2>
          {staff && (
            <Link
              to={`/courses/${c.id}/gradebook`}
              className="btn btn-secondary btn-sm"
              data-testid="course-gradebook-link"
            >
              {t('course.gradebook')}
            </Link>
          )}
        </div>
        {created && (
          <Alert tone="success">
            {t('course.assignmentCreated')} <Link to={`/assignments/${created.id}`}>{created.title}</Link>
          </Alert>
        )}
        {assignments.error ? (
          <ErrorState message={errorText(assignments.error, t)} onRetry={assignments.reload} />
        ) : !assignments.data ? (
          <Loading />
        ) : assignments.data.length === 0 ? (
          <div className="empty card">
            <p>{t('course.noAssignments')}</p>
          </div>
        ) : (
          <AssignmentList course={c} items={assignments.data} />
        )}
      </section>
      {c.myRole === 'instructor' && (
        <section className="card course-section" aria-labelledby="new-assignment-h">
          <h2 className="h3" id="new-assignment-h">
            {t('course.newAssignment')}
          </h2>
          <AssignmentForm
            key={formKey}
            courseId={c.id}
            zone={c.timeZone}
            onCreated={(a) => {
              setCreated(a);
              setFormKey((k) => k + 1);
              assignments.reload();
            }}
          />
        </section>
      )}
      {staff && <Members course={c} />}
    </main>
  );
}

function AssignmentList({ course, items }: { course: Course; items: Assignment[] }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <ul className="assignment-list card card-flush">
      {items.map((a) => {
        const phase = phaseOf(a, now);
        const total = a.problems.reduce((s, p) => s + p.points, 0);
        return (
          <li key={a.id} className="assignment-item" data-assignment={a.id}>
            <div className="assignment-main">
              <Link to={`/assignments/${a.id}`} className="problem-link">
                {a.title}
              </Link>
              <PhaseBadge phase={phase} />
              {a.mine && (
                <span className="chip" data-testid="my-total">
                  {t('course.myScore', { earned: points(a.mine.total), total })}
                </span>
              )}
            </div>
            <dl className="assignment-dates">
              <div>
                <dt>{t('assignment.opens')}</dt>
                <dd>
                  <When iso={a.opensAt} zone={course.timeZone} />
                </dd>
              </div>
              <div>
                <dt>{t('assignment.deadline')}</dt>
                <dd>
                  <When iso={a.closesAt} zone={course.timeZone} />
                  <Countdown closesAt={a.closesAt} now={now} />
                </dd>
              </div>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

/** Members (staff), adding one by email, and a roster CSV import (instructors). */
function Members({ course }: { course: Course }) {
  const { t } = useI18n();
  const members = useAsync((signal) => api.courseMembers(course.id, signal), [course.id]);
  return (
    <section className="card course-section" aria-labelledby="members-h">
      <h2 className="h3" id="members-h">
        {t('course.members')}
      </h2>
      {course.myRole === 'instructor' && <RosterUpload courseId={course.id} onDone={members.reload} />}
      {members.error ? (
        <ErrorState message={errorText(members.error, t)} onRetry={members.reload} />
      ) : !members.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="members">
            <thead>
              <tr>
                <th scope="col">{t('accounts.name')}</th>
                <th scope="col">{t('accounts.email')}</th>
                <th scope="col">{t('accounts.role')}</th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td className="cell-email">{m.email}</td>
                  <td>{t(`courseRole.${m.role}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RosterUpload({ courseId, onDone }: { courseId: string; onDone(): void }) {
  const { t } = useI18n();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RosterImport | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f = file.current?.files?.[0];
    setError(null);
    setResult(null);
    if (!f) {
      setError(t('roster.chooseFile'));
      return;
    }
    setBusy(true);
    try {
      setResult(await api.importCourseRoster(courseId, f));
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form roster-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="roster-file">{t('roster.file')}</label>
        <input id="roster-file" ref={file} type="file" accept=".csv,text/csv" className="file-input" />
        <span className="hint">{t('roster.hint')}</span>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-secondary btn-sm" disabled={busy}>
          {busy ? t('roster.busy') : t('roster.submit')}
        </button>
      </div>
      {error && <Alert>{error}</Alert>}
      {result && (
        <Alert tone="success">
          <p>{t('roster.done', { enrolled: result.enrolled.length, created: result.created.length })}</p>
          {result.created.some((c) => c.password) && (
            <>
              <p className="small">{t('roster.passwords')}</p>
              <ul className="mono small">
                {result.created
                  .filter((c) => c.password)
                  .map((c) => (
                    <li key={c.email}>
                      {c.email}: {c.password}
                    </li>
                  ))}
              </ul>
            </>
          )}
          {result.skipped.length > 0 && (
            <ul className="small">
              {result.skipped.map((s) => (
                <li key={`${s.line}-${s.email}`}>
                  {t('roster.skipped', { line: s.line, email: s.email, reason: s.reason })}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </form>
  );
}
