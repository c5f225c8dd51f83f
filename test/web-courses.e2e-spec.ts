import type { Browser, Page } from 'playwright-core';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import {
  DESKTOP,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  signIn,
  typeIntoEditor,
  waitForText,
} from './support/browser';
import { RunningSystem, startSystem } from './support/system';
import { SUM_AC } from './programs/sum';

// One walk takes about 20 s; two judged submissions at most.
jest.setTimeout(180_000);

const stamp = Date.now().toString(36);
const PASSWORD = 'course-walk-pass-1';

/** What the walk clicks and reads, in each display language. */
const WORDS = {
  en: {
    courses: 'Courses',
    newCourse: 'Create course',
    courseName: 'Course name',
    term: 'Term',
    zone: 'Time zone',
    title: 'Title',
    slug: 'Problem 1 (slug)',
    points: 'Points for problem 1',
    deadline: 'Deadline',
    allowLate: 'Accept late submissions with a penalty',
    penalty: 'Penalty (%)',
    scoreboard: 'Scoreboard',
    createAssignment: 'Create assignment',
    created: 'Assignment created',
    code: 'Enrolment code',
    join: 'Join',
    joined: 'You joined',
    notTried: 'Not tried',
    solve: 'Solve',
    submittingTo: 'Submitting to assignment',
    submit: 'Submit',
    accepted: 'Accepted',
    back: 'Back to the assignment',
    closesIn: /closes in \d+ h \d+ min/,
    yours: 'your time:',
    latePolicy: '−10% per started day late',
    gradebook: 'Gradebook',
    csv: 'Download CSV',
    show: 'Show to students',
    hide: 'Hide from students',
    shownNote: 'Students see this scoreboard.',
    signOut: 'Sign out',
    noPointsYet: '0 / 50 points',
    badCode: 'No course has this enrolment code',
    save: 'Save changes',
    saved: 'Changes saved.',
    openAssignment: 'Students are submitting to this problem in an open assignment',
    courseGradebook: 'Course gradebook',
  },
  ko: {
    courses: '강좌',
    newCourse: '강좌 만들기',
    courseName: '강좌 이름',
    term: '학기',
    zone: '시간대',
    title: '제목',
    slug: '문제 1 (슬러그)',
    points: '문제 1 배점',
    deadline: '마감',
    allowLate: '감점하고 지각 제출 받기',
    penalty: '감점 (%)',
    scoreboard: '순위표',
    createAssignment: '과제 만들기',
    created: '과제를 만들었습니다',
    code: '참여 코드',
    join: '참여',
    joined: '강좌에 참여했습니다',
    notTried: '시도 안 함',
    solve: '풀기',
    submittingTo: '제출할 과제:',
    submit: '제출',
    accepted: '맞았습니다',
    back: '과제로 돌아가기',
    closesIn: /\d+시간 \d+분 후 마감/,
    yours: '내 시간:',
    latePolicy: '지각 하루마다 10% 감점',
    gradebook: '성적표',
    csv: 'CSV 내려받기',
    show: '학생에게 공개',
    hide: '학생에게 숨기기',
    shownNote: '학생에게 공개된 순위표입니다.',
    signOut: '로그아웃',
    noPointsYet: '50점 중 0점',
    badCode: 'No course has this enrolment code',
    save: '변경 사항 저장',
    saved: '변경 사항을 저장했습니다.',
    openAssignment: '진행 중인 과제에서 학생들이 이 문제에 제출하고 있습니다',
    courseGradebook: '강좌 성적표',
  },
} as const;
type Lang = keyof typeof WORDS;

/** An instant as a datetime-local value on Seoul's wall clock (UTC+9, no daylight saving). */
const seoulLocal = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 16);

describe('web app, courses and assignments (real API, worker and headless Chromium)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let admin: ApiClient;
  const pageErrors: string[] = [];

  async function account(role: string, name: string, email: string): Promise<ApiClient> {
    const r = await admin.request('POST', '/users', { email, password: PASSWORD, name, role });
    expect(r.status).toBe(201);
    return new ApiClient(system.baseUrl).login(email, PASSWORD);
  }

  /** Opens the app, signs in (the sign-in page is in English) and switches to `lang`. */
  async function enter(page: Page, email: string, lang: Lang): Promise<void> {
    await page.goto('/');
    await signIn(page, email, PASSWORD);
    if (lang === 'ko') {
      await page.getByRole('button', { name: '한국어' }).click();
      await page.getByRole('button', { name: WORDS.ko.signOut }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    }
  }

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it.each(['en', 'ko'] as const)(
    'an instructor sets an assignment, a student joins and solves it, the gradebook shows it (%s)',
    async (lang) => {
      const w = WORDS[lang];
      const tag = `${stamp}-${lang}`;
      const profEmail = `prof-${tag}@bastion.local`;
      const studentEmail = `kim-${tag}@bastion.local`;
      const prof = await account('instructor', 'Park Instructor', profEmail);
      await account('student', 'Kim Student', studentEmail);
      // A draft problem: only the course's assignment makes it visible to the student.
      const slug = `sum-${tag}`;
      expect((await prof.importProblem(sumProblem(), slug)).status).toBe(201);

      const staff = await openPage(browser, system.baseUrl, DESKTOP);
      const student = await openPage(browser, system.baseUrl, DESKTOP);
      let page = staff.page;
      try {
        // The instructor creates a course in Seoul time.
        await enter(page, profEmail, lang);
        await page
          .getByRole('navigation', { name: lang === 'en' ? 'Main' : '주 메뉴' })
          .getByRole('link', { name: w.courses })
          .click();
        await page.getByRole('heading', { name: w.courses, level: 1 }).waitFor();
        const zones = await page.getByLabel(w.zone, { exact: true }).locator('option').allTextContents();
        expect(zones.join('|')).toMatch(/UTC/);
        expect(zones.join('|')).toMatch(/Asia\/Seoul/);
        await page.getByLabel(w.courseName, { exact: true }).fill(`Secure Coding Lab ${lang}`);
        await page.getByLabel(w.term, { exact: true }).fill('2027 Spring');
        await page.getByLabel(w.zone, { exact: true }).selectOption('Asia/Seoul');
        await screenshot(page, `courses-${lang}-new-course`);
        await page.getByRole('button', { name: w.newCourse }).click();
        await page.getByRole('heading', { name: `Secure Coding Lab ${lang}`, level: 1 }).waitFor();
        const code = (await page.getByTestId('enrolment-code').innerText()).trim();
        expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

        // An assignment with the draft problem, due in 30 hours (Seoul wall clock), 10% per late day.
        const closesAt = Math.floor((Date.now() + 30 * 3600_000) / 60_000) * 60_000;
        await page.getByLabel(w.title, { exact: true }).fill(`Lab 1 ${lang}`);
        await page.getByLabel(w.slug, { exact: true }).fill(slug);
        await page.getByLabel(w.points, { exact: true }).fill('50');
        await page.getByLabel(w.deadline, { exact: true }).fill(seoulLocal(closesAt));
        await page.getByLabel(w.allowLate).check();
        await page.getByLabel(w.penalty, { exact: true }).fill('10');
        await page.getByLabel(w.scoreboard, { exact: true }).selectOption('hidden');
        await page.getByRole('button', { name: w.createAssignment }).click();
        await waitForText(page.getByRole('status'), w.created);
        const item = page.locator('.assignment-item').first();
        await waitForText(item, `Lab 1 ${lang}`);
        // The deadline in the course's zone and the viewer's own, with the countdown.
        await waitForText(item, 'Asia/Seoul');
        await waitForText(item, w.yours);
        await waitForText(item.getByTestId('countdown'), w.closesIn);
        await screenshot(page, `courses-${lang}-course-staff`);
        // The Seoul wall-clock time typed became the right instant.
        const courseId = page.url().split('/').pop()!;
        const list = await prof.request('GET', `/courses/${courseId}/assignments`);
        expect(list.status).toBe(200);
        expect(list.body[0]).toMatchObject({
          title: `Lab 1 ${lang}`,
          closesAt: new Date(closesAt).toISOString(),
          latePolicy: { per: 'day', penaltyPercent: 10 },
          scoreboard: 'hidden',
          problems: [{ problem: slug, points: 50 }],
        });
        const assignmentId: string = list.body[0].id;
        if (lang === 'en') {
          // A roster CSV enrols a new student; their generated password is shown once.
          await page.getByLabel('Roster (CSV with the columns email,name)').setInputFiles({
            name: 'roster.csv',
            mimeType: 'text/csv',
            buffer: Buffer.from(`email,name\nlee-${tag}@bastion.local,Lee Student\n`),
          });
          await page.getByRole('button', { name: 'Import roster' }).click();
          await waitForText(page.getByRole('status'), '1 enrolled, 1 new accounts.');
          await waitForText(page.getByRole('status'), `lee-${tag}@bastion.local: `);
          await waitForText(page.getByTestId('members'), 'Lee Student');
        }

        // The student joins with the code shown to the instructor, in a browser of their own.
        page = student.page;
        await enter(page, studentEmail, lang);
        await page.getByRole('link', { name: w.courses }).click();
        // A wrong code: the API's answer, in words.
        await page.getByLabel(w.code, { exact: true }).fill('ZZZZ-ZZZZ');
        await page.getByRole('button', { name: w.join, exact: true }).click();
        await waitForText(page.getByRole('alert'), w.badCode);
        await page.getByLabel(w.code, { exact: true }).fill(code.toLowerCase());
        await screenshot(page, `courses-${lang}-join`);
        await page.getByRole('button', { name: w.join, exact: true }).click();
        await waitForText(page.getByRole('status'), w.joined);
        expect(await page.getByTestId('enrolment-code').count()).toBe(0);
        await waitForText(page.getByTestId('my-total'), w.noPointsYet);
        await page.getByRole('link', { name: `Lab 1 ${lang}` }).click();
        await page.getByRole('heading', { name: `Lab 1 ${lang}`, level: 1 }).waitFor();
        const row = page.locator(`tr[data-problem="${slug}"]`);
        await waitForText(row, w.notTried);
        await waitForText(page.getByRole('main'), w.latePolicy);
        await waitForText(page.getByTestId('countdown'), w.closesIn);
        await screenshot(page, `courses-${lang}-assignment-before`);

        // Solve it from the assignment: the problem page says where the submission goes.
        await row.getByRole('link', { name: w.solve }).click();
        await page.waitForURL(new RegExp(`/problems/${slug}\\?assignment=${assignmentId}`));
        await waitForText(page.getByTestId('assignment-banner'), `${w.submittingTo} Lab 1 ${lang}`);
        await page.getByLabel(lang === 'en' ? 'Language' : '언어', { exact: true }).selectOption('python');
        await typeIntoEditor(page, lang === 'en' ? 'Source code' : '소스 코드', SUM_AC.python);
        await page.getByRole('button', { name: w.submit, exact: true }).click();
        await waitForText(page.locator('.result-summary'), w.accepted, 90_000);
        await screenshot(page, `courses-${lang}-solved`);
        await page.getByRole('link', { name: w.back }).click();
        await page.getByRole('heading', { name: `Lab 1 ${lang}`, level: 1 }).waitFor();
        await waitForText(row.locator('[data-status]'), w.accepted);
        await waitForText(row.getByTestId('earned'), '50 / 50');
        await waitForText(page.locator('tfoot').getByTestId('my-total'), '50 / 50');
        await screenshot(page, `courses-${lang}-assignment-after`);
        if (lang === 'en') {
          // A closed assignment: the API's refusal is shown where the student submitted.
          const closed = await prof.request('POST', `/courses/${courseId}/assignments`, {
            title: 'Closed lab',
            problems: [{ problem: slug, points: 10 }],
            opensAt: new Date(Date.now() - 7200_000).toISOString(),
            closesAt: new Date(Date.now() - 3600_000).toISOString(),
          });
          expect(closed.status).toBe(201);
          await page.goto(`/problems/${slug}?assignment=${closed.body.id}`);
          await waitForText(page.getByTestId('assignment-banner'), 'Closed lab');
          await page.getByRole('button', { name: w.submit, exact: true }).click();
          await waitForText(page.getByRole('alert'), 'Submissions to this assignment were accepted until');
          await screenshot(page, 'courses-en-closed-refused');
          await page.goto(`/assignments/${closed.body.id}`);
          await waitForText(page.getByRole('alert'), 'This assignment is closed');
          expect(await page.getByRole('link', { name: w.solve }).count()).toBe(0);
          await page.goto(`/assignments/${assignmentId}`);
          await waitForText(page.getByTestId('earned'), '50 / 50');
        }
        if (lang === 'en') {
          // At phone width nothing is wider than the screen (the table scrolls in its card).
          await page.setViewportSize(PHONE);
          await screenshot(page, 'courses-en-assignment-phone');
          expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PHONE.width);
          await page.setViewportSize(DESKTOP);
        }
        await page.getByRole('link', { name: w.courses, exact: true }).first().click();
        await page.getByRole('link', { name: `Secure Coding Lab ${lang}` }).waitFor();
        await screenshot(page, `courses-${lang}-list`);

        // The instructor sees the score in the gradebook, downloads it, and shows the scoreboard.
        page = staff.page;
        await page
          .getByRole('link', { name: `Lab 1 ${lang}` })
          .first()
          .click();
        await page.getByRole('heading', { name: w.gradebook }).waitFor();
        const gradeRow = page.getByTestId('gradebook').locator(`tr[data-email="${studentEmail}"]`);
        await waitForText(gradeRow, 'Kim Student');
        await waitForText(gradeRow.getByTestId('student-total'), '50');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: w.csv }).click(),
        ]);
        const csv = await new Promise<string>((resolve, reject) => {
          void download.createReadStream().then((s) => {
            let text = '';
            s.on('data', (c: Buffer) => (text += c.toString('utf8')));
            s.on('end', () => resolve(text));
            s.on('error', reject);
          }, reject);
        });
        expect(csv).toContain(`"${studentEmail}"`);
        expect(csv).toContain(`"Lab 1 ${lang} (50)"`);
        await waitForText(page.getByTestId('scoreboard'), 'Kim Student');
        await page.getByRole('button', { name: w.show }).click();
        await page.getByRole('button', { name: w.hide }).waitFor();
        await waitForText(page.getByRole('status'), w.shownNote);
        expect((await prof.request('GET', `/assignments/${assignmentId}`)).body.scoreboard).toBe('shown');
        await screenshot(page, `courses-${lang}-gradebook`);

        // From the gradebook row, the student's page for office hours; then the course's gradebook.
        await gradeRow.getByRole('link', { name: 'Kim Student' }).click();
        await page.getByRole('heading', { name: 'Kim Student', level: 1 }).waitFor();
        const problemRow = page.getByTestId('student-grades').locator(`tr[data-problem="${slug}"]`);
        await waitForText(problemRow.locator('[data-status]'), w.accepted);
        await waitForText(problemRow.getByTestId('earned'), '50 / 50');
        await waitForText(problemRow, 'Asia/Seoul');
        await screenshot(page, `courses-${lang}-student`);
        await page.getByRole('link', { name: `Secure Coding Lab ${lang}` }).click();
        await page.getByRole('link', { name: w.courseGradebook }).click();
        await page.getByRole('heading', { name: w.courseGradebook, level: 1 }).waitFor();
        const courseRow = page.getByTestId('course-gradebook').locator(`tr[data-email="${studentEmail}"]`);
        await waitForText(courseRow.getByTestId('student-total'), '50');
        await screenshot(page, `courses-${lang}-course-gradebook`);

        // Changing how the problem is judged while the assignment is open asks first; declined,
        // nothing changes; accepted, it is saved.
        await page.goto(`/problems/${slug}/edit`);
        const limit = page.locator('#p-time');
        await limit.fill('2000');
        const dialogs: string[] = [];
        page.once('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.getByRole('button', { name: w.save }).click();
        await waitForText(page.getByRole('alert'), /confirm=true/);
        expect(dialogs[0]).toContain(w.openAssignment);
        expect((await prof.request('GET', `/problems/${slug}`)).body.timeLimitMs).toBe(1000);
        page.once('dialog', (d) => void d.accept());
        await page.getByRole('button', { name: w.save }).click();
        await waitForText(page.getByRole('status').filter({ hasText: w.saved }), w.saved);
        expect((await prof.request('GET', `/problems/${slug}`)).body.timeLimitMs).toBe(2000);
      } catch (e) {
        await screenshot(page, `failure-courses-${lang}`).catch(() => '');
        throw e;
      } finally {
        pageErrors.push(...staff.errors, ...student.errors);
        await staff.context.close();
        await student.context.close();
      }
    },
  );
});
