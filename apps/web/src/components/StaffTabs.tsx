import { NavLink } from 'react-router-dom';
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
