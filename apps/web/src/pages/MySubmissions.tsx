import { Link } from 'react-router-dom';
import { api, type Submission } from '../api';
import { useUser } from '../auth';
import { Loading, StatusBadge, VerdictBadge } from '../components/common';
import { readHistory } from '../history';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { languageName } from '../templates';

export function MySubmissionsPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const entries = readHistory(user.id).slice(0, 50);
  const details = useAsync(
    (signal) =>
      Promise.all(
        entries.map((e) =>
          api.submission(e.id, signal).then(
            (s): Submission | null => s,
            () => null,
          ),
        ),
      ),
    [user.id],
  );

  return (
    <main className="page" id="main">
      <div className="page-head">
        <div>
          <h1>{t('history.title')}</h1>
          <p className="lead">{t('history.lead')}</p>
        </div>
      </div>
      {entries.length === 0 ? (
        <div className="empty card">
          <p>{t('history.empty')}</p>
          <p>
            <Link to="/problems">{t('notFound.home')}</Link>
          </p>
        </div>
      ) : details.loading && !details.data ? (
        <Loading />
      ) : (
        <>
          <div className="card card-flush table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('history.when')}</th>
                  <th scope="col">{t('history.problem')}</th>
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
                {entries.map((e, i) => {
                  const s = details.data?.[i];
                  const finished = s && (s.status === 'done' || s.status === 'failed');
                  return (
                    <tr key={e.id}>
                      <td>
                        <Link to={`/submissions/${e.id}`}>
                          {new Date(e.createdAt).toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-GB', {
                            dateStyle: 'medium',
                            timeStyle: 'short',
                          })}
                        </Link>
                      </td>
                      <td>{e.problemName || e.problem}</td>
                      <td className="hide-sm">{languageName(e.language)}</td>
                      <td>
                        {!s ? (
                          <span className="muted">{t('history.unavailable')}</span>
                        ) : finished && s.verdict ? (
                          <VerdictBadge verdict={s.verdict} />
                        ) : (
                          <StatusBadge status={s.status} />
                        )}
                      </td>
                      <td className="num mono hide-sm">
                        {s && s.score != null && s.maxScore != null ? `${s.score}/${s.maxScore}` : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small">{t('history.localNote')}</p>
        </>
      )}
    </main>
  );
}
