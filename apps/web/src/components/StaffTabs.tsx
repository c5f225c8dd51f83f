import { Link, NavLink } from 'react-router-dom';
import { useI18n } from '../i18n';

/** The author's views of one problem: the page students see, its settings, its self-check, its security picture. */
export function StaffTabs({ slug }: { slug: string }) {
  const { t } = useI18n();
  const base = `/problems/${encodeURIComponent(slug)}`;
  const tabs = [
    { to: base, label: t('manage.tabProblem') },
    { to: `${base}/edit`, label: t('manage.tabEdit') },
    { to: `${base}/verify`, label: t('manage.tabVerify') },
    { to: `${base}/security`, label: t('manage.tabSecurity') },
  ];
  return (
    <nav className="tabs" aria-label={t('manage.tabs')}>
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end className="tab">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** The head of an author's page about one problem: breadcrumb back to it, the title, the tabs. */
export function StaffPageHead({ slug, title }: { slug: string; title: string }) {
  const { t } = useI18n();
  return (
    <>
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to="/problems">{t('nav.problems')}</Link>
        <span aria-hidden="true">/</span>
        <Link to={`/problems/${encodeURIComponent(slug)}`} className="mono">
          {slug}
        </Link>
      </nav>
      <h1>{title}</h1>
      <StaffTabs slug={slug} />
    </>
  );
}
