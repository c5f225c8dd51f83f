import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { isStaff, useAuth } from '../auth';
import { LOCALES, useI18n, type MessageKey } from '../i18n';
import { Logo } from '../pages/SignIn';
import { ErrorBoundary } from './common';

export function LocaleSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('header.displayLanguage')}>
      {LOCALES.map((l) => (
        <button
          key={l.id}
          type="button"
          lang={l.id}
          aria-label={l.label}
          aria-pressed={locale === l.id}
          className={locale === l.id ? 'active' : ''}
          onClick={() => setLocale(l.id)}
        >
          <span className="long">{l.label}</span>
          <span className="short" aria-hidden="true">
            {l.short}
          </span>
        </button>
      ))}
    </div>
  );
}

export function Layout() {
  const { t } = useI18n();
  const { user, signOut } = useAuth();
  const { pathname } = useLocation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('common.skip')}
      </a>
      <header className="header">
        <div className="header-inner">
          <NavLink to="/" className="brand" aria-label="Bastion">
            <Logo />
            <span>Bastion</span>
          </NavLink>
          <nav className="nav" aria-label={t('nav.main')}>
            <NavLink to="/problems">{t('nav.problems')}</NavLink>
            <NavLink
              to="/courses"
              className={({ isActive }) => (isActive || pathname.startsWith('/assignments/') ? 'active' : undefined)}
            >
              {t('nav.courses')}
            </NavLink>
            <NavLink to="/submissions">{isStaff(user) ? t('nav.allSubmissions') : t('nav.submissions')}</NavLink>
            {isStaff(user) && <NavLink to="/upload">{t('nav.upload')}</NavLink>}
            {user?.role === 'admin' && <NavLink to="/accounts">{t('nav.accounts')}</NavLink>}
          </nav>
          <div className="header-tools">
            {user && (
              <span className="user" title={user.email}>
                <span className="avatar" aria-hidden="true">
                  {user.name.trim().charAt(0).toUpperCase() || '?'}
                </span>
                <span className="user-text">
                  <span className="user-name">{user.name}</span>
                  <span className="user-role">{t(`role.${user.role}` as MessageKey)}</span>
                </span>
              </span>
            )}
            <LocaleSwitch />
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => void signOut()}>
              {t('header.signOut')}
            </button>
          </div>
        </div>
      </header>
      {/* A page that fails to render shows a message; moving to another page starts afresh. */}
      <ErrorBoundary key={pathname}>
        <Outlet />
      </ErrorBoundary>
    </div>
  );
}
