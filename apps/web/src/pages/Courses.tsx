import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorText } from '../api';
import { isStaff, useUser } from '../auth';
import { Alert, ErrorState, Loading } from '../components/common';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { browserZone, zoneChoices } from '../time';

/** My courses; everyone can join one by its enrolment code, instructors and admins create one. */
export function CoursesPage() {
  const { t } = useI18n();
  const user = useUser();
  const courses = useAsync((signal) => api.courses(signal), []);

  return (
    <main className="page" id="main">
      <div className="page-head">
        <div>
          <h1>{t('courses.title')}</h1>
          <p className="lead">{t('courses.lead')}</p>
        </div>
      </div>
      <div className="course-forms">
        <JoinForm />
        {isStaff(user) && <NewCourseForm />}
      </div>
      <h2 className="h3">{t('courses.mine')}</h2>
      {courses.loading && !courses.data ? (
        <Loading />
      ) : courses.error ? (
        <ErrorState message={errorText(courses.error, t)} onRetry={courses.reload} />
      ) : !courses.data?.length ? (
        <div className="empty card">
          <p>{t('courses.empty')}</p>
        </div>
      ) : (
        <ul className="problem-list card card-flush" aria-label={t('courses.mine')}>
          {courses.data.map((c) => (
            <li key={c.id} className="problem-item">
              <div className="problem-item-main">
                <Link to={`/courses/${c.id}`} className="problem-link">
                  {c.name}
                </Link>
                {c.term && <span className="muted small">{c.term}</span>}
              </div>
              <div className="problem-item-meta">
                <span className="chip">{c.timeZone}</span>
                <span className="chip">{t(`courseRole.${c.myRole}` as MessageKey)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function JoinForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const c = await api.joinCourse(code.trim());
      navigate(`/courses/${c.id}`, { state: { joined: true } });
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="join-h">
      <h2 className="h3" id="join-h">
        {t('courses.join')}
      </h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="join-code">{t('courses.code')}</label>
          <input
            id="join-code"
            type="text"
            className="mono"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setError(null);
            }}
            placeholder="K7QX-92MD"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby="join-hint"
          />
          <span className="hint" id="join-hint">
            {t('courses.codeHint')}
          </span>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('courses.joining') : t('courses.joinSubmit')}
          </button>
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
    </section>
  );
}

function NewCourseForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [term, setTerm] = useState('');
  const [zone, setZone] = useState(browserZone);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await api.createCourse({ name: name.trim(), term: term.trim() || undefined, timeZone: zone });
      navigate(`/courses/${c.id}`);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="new-course-h">
      <h2 className="h3" id="new-course-h">
        {t('courses.new')}
      </h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="course-name">{t('courses.name')}</label>
          <input
            id="course-name"
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            required
          />
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="course-term">{t('courses.term')}</label>
            <input
              id="course-term"
              type="text"
              value={term}
              onChange={(e) => setTerm(e.target.value)}
              maxLength={100}
              placeholder={t('courses.termExample')}
            />
          </div>
          <div className="field">
            <label htmlFor="course-zone">{t('courses.timeZone')}</label>
            <select id="course-zone" value={zone} onChange={(e) => setZone(e.target.value)}>
              {zoneChoices(zone).map((z) => (
                <option key={z} value={z}>
                  {z === browserZone() ? t('courses.zoneYours', { zone: z }) : z}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('courses.creating') : t('courses.create')}
          </button>
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
    </section>
  );
}
