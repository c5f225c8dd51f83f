import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'en' | 'ko';
export const LOCALES: { id: Locale; label: string; short: string }[] = [
  { id: 'en', label: 'English', short: 'EN' },
  { id: 'ko', label: '한국어', short: '한' },
];

const en = {
  'app.tagline': 'Secure-coding online judge',
  'nav.problems': 'Problems',
  'nav.submissions': 'My submissions',
  'nav.upload': 'Upload problem',
  'nav.main': 'Main',
  'header.displayLanguage': 'Display language',
  'header.signOut': 'Sign out',
  'header.signedInAs': 'Signed in as {name}',
  'role.admin': 'Admin',
  'role.instructor': 'Instructor',
  'role.student': 'Student',
  'signIn.title': 'Sign in to Bastion',
  'signIn.lead': 'Practise writing code that is correct and safe. Use the account your course gave you.',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.feature1': 'Every program runs in an isolated sandbox',
  'signIn.feature2': 'Live results, test by test',
  'signIn.feature3': 'Security feedback on your code',
  'problems.title': 'Problems',
  'problems.lead': 'Pick a problem, write your solution, run it on your own input, then submit.',
  'problems.empty': 'No problems yet.',
  'problems.emptyStaff': 'Upload a problem package to get started.',
  'problems.name': 'Problem',
  'problems.limits': 'Limits',
  'problems.open': 'Open',
  'problems.draft': 'Draft',
  'problems.search': 'Search problems',
  'problems.noMatch': 'No problem matches your search.',
  'problem.timeLimit': 'Time limit',
  'problem.memoryLimit': 'Memory limit',
  'problem.statement': 'Statement',
  'problem.samples': 'Samples',
  'problem.sample': 'Sample {name}',
  'problem.sampleInput': 'Input',
  'problem.sampleAnswer': 'Answer',
  'problem.noStatement': 'This problem has no statement.',
  'problem.useSample': 'Use as input',
  'problem.copy': 'Copy',
  'problem.copied': 'Copied',
  'editor.language': 'Language',
  'editor.source': 'Source code',
  'editor.reset': 'Reset to template',
  'editor.resetConfirm': 'Replace your code with the starter template?',
  'editor.shortcutHint': 'Tab indents; press Esc then Tab to leave the editor.',
  'run.title': 'Run with custom input',
  'run.input': 'Input',
  'run.run': 'Run',
  'run.running': 'Running…',
  'run.stdout': 'Output',
  'run.stderr': 'Error output',
  'run.compileOutput': 'Compiler output',
  'run.truncated': '(output was cut short)',
  'run.exitCode': 'Exit code {code}',
  'run.empty': '(empty)',
  'submit.submit': 'Submit',
  'submit.submitting': 'Submitting…',
  'submit.viewFull': 'Open submission',
  'judge.title': 'Result',
  'judge.queued': 'Waiting in the queue…',
  'judge.compiling': 'Compiling…',
  'judge.running': 'Running test {n}',
  'judge.runningOf': 'Running test {n}/{total}',
  'judge.failed': 'The judge could not finish this submission.',
  'judge.score': 'Score',
  'judge.tests': 'Tests',
  'judge.test': 'Test',
  'judge.kind': 'Kind',
  'judge.verdict': 'Verdict',
  'judge.time': 'Time (ms)',
  'judge.memory': 'Memory (KB)',
  'judge.message': 'Details',
  'judge.sample': 'sample',
  'judge.secret': 'hidden',
  'judge.compileOutput': 'Compiler output',
  'judge.noTests': 'No test results yet.',
  'judge.connectionLost': 'Live updates were interrupted; checking again…',
  'security.title': 'Security findings',
  'security.none': 'No security findings for this submission.',
  'security.pending': 'Security analysis is not available for this submission yet.',
  'security.line': 'Line {line}',
  'security.fix': 'How to fix',
  'security.severity.critical': 'Critical',
  'security.severity.high': 'High',
  'security.severity.medium': 'Medium',
  'security.severity.low': 'Low',
  'security.severity.info': 'Info',
  'history.title': 'My submissions',
  'history.lead': 'Submissions made from this browser. Open one to see its code and result.',
  'history.empty': 'You have not submitted anything from this browser yet.',
  'history.when': 'Submitted',
  'history.problem': 'Problem',
  'history.language': 'Language',
  'history.result': 'Result',
  'history.score': 'Score',
  'history.open': 'Open',
  'history.unavailable': 'Unavailable',
  'history.localNote': 'This list is kept in this browser only.',
  'submission.title': 'Submission',
  'submission.code': 'Code',
  'submission.problem': 'Problem: {name}',
  'submission.back': 'Back to my submissions',
  'upload.title': 'Upload problem',
  'upload.lead':
    'Import a problem in the Kattis problem package format (a .zip with problem.yaml, a statement and data/).',
  'upload.file': 'Problem package (.zip)',
  'upload.slug': 'Slug (optional)',
  'upload.slugHint': 'Lowercase letters, digits and dashes. Left empty, it comes from the package.',
  'upload.submit': 'Upload',
  'upload.busy': 'Uploading…',
  'upload.done': 'Imported “{name}” with {tests} tests.',
  'upload.open': 'Open the problem',
  'upload.chooseFile': 'Choose a .zip file first.',
  'verdict.AC': 'Accepted',
  'verdict.WA': 'Wrong Answer',
  'verdict.TLE': 'Time Limit Exceeded',
  'verdict.MLE': 'Memory Limit Exceeded',
  'verdict.OLE': 'Output Limit Exceeded',
  'verdict.RE': 'Runtime Error',
  'verdict.CE': 'Compilation Error',
  'verdict.IE': 'Internal Error',
  'verdict.OK': 'Finished',
  'status.queued': 'Queued',
  'status.compiling': 'Compiling',
  'status.running': 'Running',
  'status.done': 'Done',
  'status.failed': 'Failed',
  'error.title': 'Something went wrong',
  'error.network': 'The server could not be reached. Check your connection and try again.',
  'error.server': 'The server had a problem (reference {id}). Try again in a moment.',
  'error.unknown': 'Unexpected error: {message}',
  'error.reload': 'Reload the page',
  'error.sessionExpired': 'Your session has ended. Please sign in again.',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',
  'notFound.home': 'Go to problems',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.skip': 'Skip to content',
};

export type MessageKey = keyof typeof en;

const ko: Record<MessageKey, string> = {
  'app.tagline': '보안 코딩 온라인 저지',
  'nav.problems': '문제',
  'nav.submissions': '내 제출',
  'nav.upload': '문제 업로드',
  'nav.main': '주 메뉴',
  'header.displayLanguage': '화면 언어',
  'header.signOut': '로그아웃',
  'header.signedInAs': '{name}(으)로 로그인됨',
  'role.admin': '관리자',
  'role.instructor': '교수자',
  'role.student': '학생',
  'signIn.title': 'Bastion 로그인',
  'signIn.lead': '올바르고 안전한 코드를 작성하는 연습을 하세요. 수업에서 받은 계정을 사용하세요.',
  'signIn.email': '이메일',
  'signIn.password': '비밀번호',
  'signIn.submit': '로그인',
  'signIn.busy': '로그인 중…',
  'signIn.feature1': '모든 프로그램은 격리된 샌드박스에서 실행됩니다',
  'signIn.feature2': '테스트별 실시간 채점 결과',
  'signIn.feature3': '코드에 대한 보안 피드백',
  'problems.title': '문제',
  'problems.lead': '문제를 고르고, 풀이를 작성하고, 직접 입력으로 실행해 본 뒤 제출하세요.',
  'problems.empty': '아직 문제가 없습니다.',
  'problems.emptyStaff': '문제 패키지를 업로드해 시작하세요.',
  'problems.name': '문제',
  'problems.limits': '제한',
  'problems.open': '열기',
  'problems.draft': '비공개',
  'problems.search': '문제 검색',
  'problems.noMatch': '검색과 일치하는 문제가 없습니다.',
  'problem.timeLimit': '시간 제한',
  'problem.memoryLimit': '메모리 제한',
  'problem.statement': '문제 설명',
  'problem.samples': '예제',
  'problem.sample': '예제 {name}',
  'problem.sampleInput': '입력',
  'problem.sampleAnswer': '정답',
  'problem.noStatement': '이 문제에는 설명이 없습니다.',
  'problem.useSample': '입력으로 사용',
  'problem.copy': '복사',
  'problem.copied': '복사됨',
  'editor.language': '언어',
  'editor.source': '소스 코드',
  'editor.reset': '템플릿으로 초기화',
  'editor.resetConfirm': '작성한 코드를 시작 템플릿으로 바꿀까요?',
  'editor.shortcutHint': 'Tab은 들여쓰기입니다. 편집기에서 나가려면 Esc 후 Tab을 누르세요.',
  'run.title': '직접 입력으로 실행',
  'run.input': '입력',
  'run.run': '실행',
  'run.running': '실행 중…',
  'run.stdout': '출력',
  'run.stderr': '오류 출력',
  'run.compileOutput': '컴파일러 출력',
  'run.truncated': '(출력이 잘렸습니다)',
  'run.exitCode': '종료 코드 {code}',
  'run.empty': '(비어 있음)',
  'submit.submit': '제출',
  'submit.submitting': '제출 중…',
  'submit.viewFull': '제출 열기',
  'judge.title': '결과',
  'judge.queued': '대기열에서 기다리는 중…',
  'judge.compiling': '컴파일 중…',
  'judge.running': '테스트 {n} 실행 중',
  'judge.runningOf': '테스트 {n}/{total} 실행 중',
  'judge.failed': '채점기가 이 제출을 끝내지 못했습니다.',
  'judge.score': '점수',
  'judge.tests': '테스트',
  'judge.test': '테스트',
  'judge.kind': '종류',
  'judge.verdict': '결과',
  'judge.time': '시간 (ms)',
  'judge.memory': '메모리 (KB)',
  'judge.message': '세부 정보',
  'judge.sample': '예제',
  'judge.secret': '비공개',
  'judge.compileOutput': '컴파일러 출력',
  'judge.noTests': '아직 테스트 결과가 없습니다.',
  'judge.connectionLost': '실시간 연결이 끊겼습니다. 다시 확인하는 중…',
  'security.title': '보안 점검 결과',
  'security.none': '이 제출에서 발견된 보안 문제가 없습니다.',
  'security.pending': '이 제출에 대한 보안 분석은 아직 제공되지 않습니다.',
  'security.line': '{line}번째 줄',
  'security.fix': '고치는 방법',
  'security.severity.critical': '치명적',
  'security.severity.high': '높음',
  'security.severity.medium': '보통',
  'security.severity.low': '낮음',
  'security.severity.info': '정보',
  'history.title': '내 제출',
  'history.lead': '이 브라우저에서 한 제출입니다. 하나를 열어 코드와 결과를 확인하세요.',
  'history.empty': '이 브라우저에서 아직 제출한 적이 없습니다.',
  'history.when': '제출 시각',
  'history.problem': '문제',
  'history.language': '언어',
  'history.result': '결과',
  'history.score': '점수',
  'history.open': '열기',
  'history.unavailable': '불러올 수 없음',
  'history.localNote': '이 목록은 이 브라우저에만 저장됩니다.',
  'submission.title': '제출',
  'submission.code': '코드',
  'submission.problem': '문제: {name}',
  'submission.back': '내 제출로 돌아가기',
  'upload.title': '문제 업로드',
  'upload.lead': 'Kattis 문제 패키지 형식(problem.yaml, 문제 설명, data/가 들어 있는 .zip)으로 문제를 가져옵니다.',
  'upload.file': '문제 패키지 (.zip)',
  'upload.slug': '슬러그 (선택)',
  'upload.slugHint': '영문 소문자, 숫자, 대시만 쓸 수 있습니다. 비워 두면 패키지에서 정합니다.',
  'upload.submit': '업로드',
  'upload.busy': '업로드 중…',
  'upload.done': '“{name}” 문제를 테스트 {tests}개와 함께 가져왔습니다.',
  'upload.open': '문제 열기',
  'upload.chooseFile': '먼저 .zip 파일을 고르세요.',
  'verdict.AC': '맞았습니다',
  'verdict.WA': '틀렸습니다',
  'verdict.TLE': '시간 초과',
  'verdict.MLE': '메모리 초과',
  'verdict.OLE': '출력 초과',
  'verdict.RE': '런타임 에러',
  'verdict.CE': '컴파일 에러',
  'verdict.IE': '내부 오류',
  'verdict.OK': '실행 완료',
  'status.queued': '대기 중',
  'status.compiling': '컴파일 중',
  'status.running': '채점 중',
  'status.done': '완료',
  'status.failed': '실패',
  'error.title': '문제가 생겼습니다',
  'error.network': '서버에 연결할 수 없습니다. 연결을 확인하고 다시 시도하세요.',
  'error.server': '서버에 문제가 생겼습니다 (참조 번호 {id}). 잠시 후 다시 시도하세요.',
  'error.unknown': '예상하지 못한 오류: {message}',
  'error.reload': '페이지 새로 고침',
  'error.sessionExpired': '세션이 끝났습니다. 다시 로그인하세요.',
  'notFound.title': '페이지를 찾을 수 없습니다',
  'notFound.body': '이 주소에는 아무것도 없습니다.',
  'notFound.home': '문제 목록으로',
  'common.loading': '불러오는 중…',
  'common.retry': '다시 시도',
  'common.skip': '본문으로 건너뛰기',
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, ko };
const STORAGE_KEY = 'bastion.locale';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ko') return saved;
  } catch {
    /* storage unavailable */
  }
  return navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = MESSAGES[locale][key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* storage unavailable */
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** The locale outside React (for the error boundary's fallback). */
export function currentLocale(): Locale {
  return document.documentElement.lang === 'ko' ? 'ko' : 'en';
}
