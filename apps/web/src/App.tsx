import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useEffect, type ReactElement } from 'react';
import { AuthProvider, isStaff, useAuth } from './auth';
import { ErrorBoundary, Loading } from './components/common';
import { Layout } from './components/Layout';
import { I18nProvider, useI18n } from './i18n';
import { AccountsPage } from './pages/Accounts';
import { AssignmentPage } from './pages/AssignmentPage';
import { CourseGradebookPage } from './pages/CourseGradebookPage';
import { CoursePage } from './pages/CoursePage';
import { CoursesPage } from './pages/Courses';
import { MySubmissionsPage } from './pages/MySubmissions';
import { ProblemEditorPage } from './pages/ProblemEditor';
import { ProblemPage } from './pages/ProblemPage';
import { SecurityOverviewPage } from './pages/SecurityOverviewPage';
import { ProblemsPage } from './pages/Problems';
import { SignInPage } from './pages/SignIn';
import { StudentGradesPage } from './pages/StudentGradesPage';
import { SubmissionPage } from './pages/SubmissionPage';
import { UploadPage } from './pages/Upload';
import { VerifyPage } from './pages/VerifyPage';

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
      : pathname === '/problems/new'
        ? t('editor.newTitle')
        : /^\/problems\/[^/]+\/edit/.test(pathname)
          ? t('manage.tabEdit')
          : /^\/problems\/[^/]+\/verify/.test(pathname)
            ? t('verify.title')
            : /^\/problems\/[^/]+\/security/.test(pathname)
              ? t('overview.title')
              : pathname.startsWith('/courses') || pathname.startsWith('/assignments')
                ? t('nav.courses')
                : pathname.startsWith('/accounts')
                  ? t('accounts.title')
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
  const { user, checking } = useAuth();
  if (checking) {
    return (
      <main className="page page-narrow" id="main">
        <Loading />
      </main>
    );
  }
  if (!user) return <SignInPage />;
  const staffOnly = (page: ReactElement) => (isStaff(user) ? page : <Navigate to="/problems" replace />);
  const adminOnly = (page: ReactElement) => (user.role === 'admin' ? page : <Navigate to="/problems" replace />);
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
          <Route path="/courses" element={<CoursesPage />} />
          <Route path="/courses/:id" element={<CoursePage />} />
          <Route path="/courses/:id/gradebook" element={<CourseGradebookPage />} />
          <Route path="/assignments/:id" element={<AssignmentPage />} />
          <Route path="/assignments/:id/students/:userId" element={<StudentGradesPage />} />
          <Route path="/upload" element={staffOnly(<UploadPage />)} />
          <Route path="/problems/new" element={staffOnly(<ProblemEditorPage />)} />
          <Route path="/problems/:slug/edit" element={staffOnly(<ProblemEditorPage />)} />
          <Route path="/problems/:slug/verify" element={staffOnly(<VerifyPage />)} />
          <Route path="/problems/:slug/security" element={staffOnly(<SecurityOverviewPage />)} />
          <Route path="/accounts" element={adminOnly(<AccountsPage />)} />
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
