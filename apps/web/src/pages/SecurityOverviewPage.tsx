import { Link, useParams } from 'react-router-dom';
import { errorText } from '../api';
import { authoring, type CweStat, type SecurityOverview } from '../authoring';
import { ErrorState, Loading } from '../components/common';
import { StaffPageHead } from '../components/StaffTabs';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

const TOP = 12;

/** Which weaknesses the class keeps writing into this problem, and how many students fixed them. */
export function SecurityOverviewPage() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const overview = useAsync((signal) => authoring.securityOverview(slug, signal), [slug]);

  return (
    <main className="page" id="main">
      <StaffPageHead slug={slug} title={t('overview.title')} />
      {overview.error ? (
        <ErrorState message={errorText(overview.error, t)} onRetry={overview.reload} />
      ) : !overview.data ? (
        <Loading />
      ) : (
        <Overview data={overview.data} slug={slug} onRefresh={overview.reload} refreshing={overview.loading} />
      )}
    </main>
  );
}

function Overview({
  data,
  slug,
  onRefresh,
  refreshing,
}: {
  data: SecurityOverview;
  slug: string;
  onRefresh(): void;
  refreshing: boolean;
}) {
  const { t } = useI18n();
  const cwes = [...data.cwes].sort((a, b) => b.submissions - a.submissions || b.students - a.students).slice(0, TOP);
  return (
    <>
      <div className="stat-cards">
        <Stat label={t('overview.submissions')} value={data.submissions} />
        <Stat label={t('overview.students')} value={data.students} />
        <Stat label={t('overview.weaknesses')} value={data.cwes.length} />
      </div>
      <section className="card" aria-labelledby="cwe-chart-h">
        <div className="section-head">
          <div>
            <h2 className="h3" id="cwe-chart-h">
              {t('overview.chartTitle')}
            </h2>
            <p className="hint">{t('overview.chartLead')}</p>
          </div>
          <button type="button" className="btn btn-secondary btn-sm" onClick={onRefresh} disabled={refreshing}>
            {t('overview.refresh')}
          </button>
        </div>
        {cwes.length === 0 ? (
          <p className="empty-inline">{data.submissions === 0 ? t('overview.noSubmissions') : t('overview.none')}</p>
        ) : (
          <>
            <Legend />
            <ol className="cwe-chart" data-testid="cwe-chart">
              {cwes.map((c) => (
                <CweBar key={String(c.cwe)} c={c} students={data.students} slug={slug} />
              ))}
            </ol>
          </>
        )}
      </section>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat card">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul className="legend" aria-label={t('overview.legend')}>
      <li>
        <span className="swatch swatch-open" aria-hidden="true" />
        {t('overview.legendOpen')}
      </li>
      <li>
        <span className="swatch swatch-fixed" aria-hidden="true" />
        {t('overview.legendFixed')}
      </li>
    </ul>
  );
}

export function cweId(cwe: string | number): string {
  const m = String(cwe).match(/(\d+)/);
  return m ? `CWE-${m[1]}` : String(cwe);
}

/**
 * One weakness: the bar is the share of students whose submissions had it; its green part is those
 * who fixed it in a later submission. The numbers are written out beside it for screen readers and print.
 */
function CweBar({ c, students, slug }: { c: CweStat; students: number; slug: string }) {
  const { t } = useI18n();
  const id = cweId(c.cwe);
  const n = id.replace('CWE-', '');
  const total = Math.max(students, c.students, 1);
  const fixed = Math.min(c.fixedLater, c.students);
  const pct = (x: number) => `${(x / total) * 100}%`;
  const share = Math.round((c.students / total) * 100);
  return (
    <li className="cwe-row" data-cwe={id}>
      <div className="cwe-label">
        <a href={`https://cwe.mitre.org/data/definitions/${n}.html`} target="_blank" rel="noreferrer noopener">
          {id}
        </a>
        <span className="cwe-name">{c.name ?? t('overview.unnamed')}</span>
      </div>
      <div className="cwe-bar-line">
        <div className="cwe-track" aria-hidden="true" title={t('overview.share', { pct: share })}>
          <span className="cwe-fill cwe-fill-fixed" style={{ width: pct(fixed) }} />
          <span className="cwe-fill cwe-fill-open" style={{ width: pct(c.students - fixed), left: pct(fixed) }} />
        </div>
        <span className="cwe-share mono">{share}%</span>
      </div>
      <p className="cwe-numbers">
        <Link to={`/submissions?problem=${encodeURIComponent(slug)}`}>
          {c.submissions === 1 ? t('overview.oneSubmission') : t('overview.nSubmissions', { n: c.submissions })}
        </Link>
        <span aria-hidden="true"> · </span>
        <span>{t('overview.nStudents', { n: c.students, total: students })}</span>
        <span aria-hidden="true"> · </span>
        <span className={fixed > 0 ? 'fixed-count' : undefined}>{t('overview.nFixed', { n: fixed })}</span>
      </p>
    </li>
  );
}
