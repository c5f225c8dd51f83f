import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useEffect } from 'react';
import { AuthProvider, isStaff, useAuth } from './auth';
import { ErrorBoundary } from './components/common';
import { Layout } from './components/Layout';
import { I18nProvider, useI18n } from './i18n';
import { MySubmissionsPage } from './pages/MySubmissions';
import { ProblemPage } from './pages/ProblemPage';
import { ProblemsPage } from './pages/Problems';
import { SignInPage } from './pages/SignIn';
import { SubmissionPage } from './pages/SubmissionPage';
import { UploadPage } from './pages/Upload';

function NotFound() {
  const { t } = useI18n();
  return (
    <main className="page page-narrow" id="main">
      <div className="card empty">
        <h1>{t('notFound.title')}</h1>
        <p className="muted">{t('notFound.body')}</p>
        <Link to="/problems" className="btn btn-primary">
          {t('notFound.home')}
        </Link>
      </div>
    </main>
  );
}

function Title() {
  const { pathname } = useLocation();
  const { t } = useI18n();
  useEffect(() => {
    const part = pathname.startsWith('/upload')
      ? t('nav.upload')
      : pathname.startsWith('/submissions')
        ? t('nav.submissions')
        : pathname.startsWith('/problems')
          ? t('nav.problems')
          : '';
    document.title = part ? `${part} · Bastion` : 'Bastion';
  }, [pathname, t]);
  return null;
}

function Routed() {
  const { user } = useAuth();
  if (!user) return <SignInPage />;
  return (
    <ErrorBoundary>
      <Title />
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/problems" replace />} />
          <Route path="/problems" element={<ProblemsPage />} />
          <Route path="/problems/:slug" element={<ProblemPage />} />
          <Route path="/submissions" element={<MySubmissionsPage />} />
          <Route path="/submissions/:id" element={<SubmissionPage />} />
          <Route path="/upload" element={isStaff(user) ? <UploadPage /> : <Navigate to="/problems" replace />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </ErrorBoundary>
  );
}

export function App() {
  return (
    <ErrorBoundary>
      <I18nProvider>
        <AuthProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </AuthProvider>
      </I18nProvider>
    </ErrorBoundary>
  );
}
