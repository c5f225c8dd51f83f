import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorText, localized } from '../api';
import { isStaff, useAuth } from '../auth';
import { ErrorState, Loading } from '../components/common';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

export function formatLimits(timeLimitMs: number, memoryLimitMb: number) {
  const s = timeLimitMs / 1000;
  return { time: `${Number.isInteger(s) ? s : s.toFixed(1)} s`, memory: `${memoryLimitMb} MB` };
}

export function ProblemsPage() {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const problems = useAsync((signal) => api.problems(signal), []);
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = (problems.data ?? []).filter(
    (p) => !q || p.slug.includes(q) || localized(p.name, locale).toLowerCase().includes(q),
  );

  return (
    <main className="page" id="main">
      <div className="page-head">
        <div>
          <h1>{t('problems.title')}</h1>
          <p className="lead">{t('problems.lead')}</p>
        </div>
        {isStaff(user) && (
          <div className="actions">
            <Link to="/upload" className="btn btn-secondary">
              {t('nav.upload')}
            </Link>
            <Link to="/problems/new" className="btn btn-primary">
              <span aria-hidden="true">+</span> {t('problems.new')}
            </Link>
          </div>
        )}
      </div>
      {problems.loading && !problems.data ? (
        <Loading />
      ) : problems.error ? (
        <ErrorState message={errorText(problems.error, t)} onRetry={problems.reload} />
      ) : problems.data && problems.data.length === 0 ? (
        <div className="empty card">
          <p>{t('problems.empty')}</p>
          {isStaff(user) && (
            <p>
              <Link to="/problems/new">{t('problems.emptyStaffCreate')}</Link> ·{' '}
              <Link to="/upload">{t('problems.emptyStaff')}</Link>
            </p>
          )}
        </div>
      ) : (
        <>
          {(problems.data?.length ?? 0) > 8 && (
            <div className="field list-tools">
              <label htmlFor="problem-search" className="sr-only">
                {t('problems.search')}
              </label>
              <input
                id="problem-search"
                type="search"
                placeholder={t('problems.search')}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
          )}
          {shown.length === 0 && <p className="muted">{t('problems.noMatch')}</p>}
          <ul className="problem-list card card-flush">
            {shown.map((p) => {
              const lim = formatLimits(p.timeLimitMs, p.memoryLimitMb);
              return (
                <li key={p.slug} className="problem-item">
                  <div className="problem-item-main">
                    <Link to={`/problems/${p.slug}`} className="problem-link">
                      {localized(p.name, locale) || p.slug}
                    </Link>
                    <span className="mono muted small">{p.slug}</span>
                    {p.published === false && isStaff(user) && <span className="tag">{t('problems.draft')}</span>}
                  </div>
                  <div className="problem-item-meta">
                    <span className="chip" title={t('problem.timeLimit')}>
                      <ClockIcon />
                      <span className="sr-only">{t('problem.timeLimit')}: </span>
                      {lim.time}
                    </span>
                    <span className="chip" title={t('problem.memoryLimit')}>
                      <ChipIcon />
                      <span className="sr-only">{t('problem.memoryLimit')}: </span>
                      {lim.memory}
                    </span>
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </main>
  );
}

function ClockIcon() {
  return (
    <svg className="chip-icon" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </svg>
  );
}

function ChipIcon() {
  return (
    <svg className="chip-icon" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="6" y="6" width="12" height="12" rx="2" />
      <path d="M9 3v3M15 3v3M9 18v3M15 18v3M3 9h3M3 15h3M18 9h3M18 15h3" />
    </svg>
  );
}
