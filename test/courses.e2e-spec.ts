import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';
import { SUM_AC } from './programs/sum';

jest.setTimeout(180_000);

/** A right answer that takes a while on every test: judged well after it was accepted. */
const SLOW_AC = 'import time\ntime.sleep(0.7)\na, b = map(int, input().split())\nprint(a + b)\n';
const WRONG = 'print(0)\n';
const iso = (ms: number) => new Date(ms).toISOString();
const sleepUntil = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));

describe('courses and assignments', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let prof: ApiClient;
  const tag = Date.now().toString(36);
  const slug = `course-${tag}`; // a draft: only the course makes it visible
  let courseId: string;
  let code: string;

  async function account(role: string, name: string): Promise<{ client: ApiClient; id: string; email: string }> {
    const email = `${name}-${tag}@example.edu`;
    const r = await admin.request('POST', '/users', { email, password: 'correct horse', name, role });
    expect(r.status).toBe(201);
    return { client: await new ApiClient(system.baseUrl).login(email, 'correct horse'), id: r.body.id, email };
  }

  async function assignment(body: Record<string, unknown>): Promise<string> {
    const r = await prof.request('POST', `/courses/${courseId}/assignments`, {
      title: `A ${Object.keys(body).join(' ')}`,
      problems: [{ problem: slug, points: 20 }],
      opensAt: iso(Date.now() - 60_000),
      closesAt: iso(Date.now() + 3_600_000),
      ...body,
    });
    expect([r.status, r.body.error?.code]).toEqual([201, undefined]);
    return r.body.id;
  }

  async function submitTo(client: ApiClient, assignmentId: string, source: string) {
    return client.request('POST', '/submissions', {
      problem: slug,
      language: 'python',
      source,
      assignment: assignmentId,
    });
  }

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    prof = (await account('instructor', 'prof')).client;
    expect((await prof.importProblem(sumProblem(), slug)).status).toBe(201);
    const c = await prof.request('POST', '/courses', {
      name: 'Secure Coding Lab',
      term: '2027 Spring',
      timeZone: 'Asia/Seoul',
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({
      myRole: 'instructor',
      timeZone: 'Asia/Seoul',
      enrolmentCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/),
    });
    courseId = c.body.id;
    code = c.body.enrolmentCode;
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('imports a roster into the course: new accounts created, existing ones enrolled, bad rows skipped', async () => {
    const existing = await account('student', 'ahn');
    const csv = `email,name\r\n${existing.email},Ahn\r\nbaek-${tag}@example.edu,Baek\r\nnot-an-address,Nobody\r\n`;
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
    const r = await prof.request('POST', `/courses/${courseId}/roster`, form);
    expect(r.status).toBe(200);
    expect(r.body.created).toEqual([{ email: `baek-${tag}@example.edu`, password: expect.any(String) }]);
    expect(r.body.enrolled).toEqual([existing.email, `baek-${tag}@example.edu`].sort());
    expect(r.body.skipped).toEqual([expect.objectContaining({ line: 4, email: 'not-an-address' })]);
    const members = await prof.request('GET', `/courses/${courseId}/members`);
    expect(members.body.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual(
      expect.arrayContaining([
        [existing.email, 'student'],
        [`baek-${tag}@example.edu`, 'student'],
      ]),
    );
    // the new account signs in with the password given once
    await new ApiClient(system.baseUrl).login(`baek-${tag}@example.edu`, r.body.created[0].password);
    // a student of the course sees it, without its enrolment code
    const seen = await existing.client.request('GET', `/courses/${courseId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.myRole).toBe('student');
    expect(seen.body).not.toHaveProperty('enrolmentCode');
  });

  it('keeps a student outside the course away from its courses, assignments, problems and submissions', async () => {
    const a = await assignment({});
    const outsider = await account('student', 'out');
    expect((await outsider.client.request('GET', `/courses/${courseId}`)).status).toBe(404);
    expect((await outsider.client.request('GET', `/assignments/${a}`)).status).toBe(404);
    expect((await outsider.client.request('GET', `/courses`)).body).toEqual([]);
    expect((await outsider.client.request('GET', `/problems/${slug}`)).status).toBe(404);
    const refused = await submitTo(outsider.client, a, SUM_AC.python);
    expect([refused.status, refused.body.error?.code]).toEqual([404, 'PROBLEM_NOT_FOUND']);
    // joining by the code (any case, any dashes) lets them in as a student
    const joined = await outsider.client.request('POST', '/courses/join', {
      code: code.toLowerCase().replace('-', ' '),
    });
    expect([joined.status, joined.body.myRole]).toEqual([200, 'student']);
    expect((await outsider.client.request('GET', `/problems/${slug}`)).status).toBe(200);
    const bad = await outsider.client.request('POST', '/courses/join', { code: 'ZZZZ-ZZZZ' });
    expect([bad.status, bad.body.error?.code]).toEqual([404, 'BAD_ENROLMENT_CODE']);
    // a student is not staff: no members list, no gradebook
    expect((await outsider.client.request('GET', `/courses/${courseId}/members`)).status).toBe(403);
    expect((await outsider.client.request('GET', `/assignments/${a}/gradebook`)).status).toBe(403);
  });

  it('counts a submission accepted before the deadline in full though judged after it; a later one pays the penalty or is refused', async () => {
    const kim = await account('student', 'kim');
    await kim.client.request('POST', '/courses/join', { code });
    const a = await assignment({
      latePolicy: { per: 'hour', penaltyPercent: 25, cutoffAt: iso(Date.now() + 7_200_000) },
    });
    const onTime = await submitTo(kim.client, a, SLOW_AC);
    expect(onTime.status).toBe(202);
    // The deadline moves to one second after the API accepted it, while it is being judged (2 s and more).
    const accepted = Date.parse((await kim.client.request('GET', `/submissions/${onTime.body.id}`)).body.createdAt);
    const closesAt = accepted + 1000;
    expect((await prof.request('PATCH', `/assignments/${a}`, { closesAt: iso(closesAt) })).status).toBe(200);
    const early = await kim.client.result(onTime.body.id);
    expect(Date.parse(early.finishedAt)).toBeGreaterThan(closesAt); // judged after the deadline
    expect(early.assignment).toEqual({ id: a, latePenaltyPercent: null, practice: false });
    let mine = (await kim.client.request('GET', `/assignments/${a}`)).body.mine;
    expect(mine.problems[0]).toMatchObject({
      status: 'accepted',
      earned: 20,
      counted: { latePenaltyPercent: 0, score: 100 },
    });

    await sleepUntil(closesAt + 50);
    const late = await submitTo(kim.client, a, SUM_AC.python);
    expect(late.status).toBe(202);
    const judged = await kim.client.result(late.body.id);
    expect(judged.assignment).toEqual({ id: a, latePenaltyPercent: 25, practice: false });
    const lateCounted = await assignment({
      counting: 'last',
      closesAt: iso(Date.now() - 60_000 + 1_000),
      opensAt: iso(Date.now() - 60_000),
      latePolicy: { per: 'hour', penaltyPercent: 25, cutoffAt: null },
    });
    await kim.client.result((await submitTo(kim.client, lateCounted, SUM_AC.python)).body.id);
    const before = (await kim.client.request('GET', `/assignments/${lateCounted}`)).body.mine.problems[0];
    expect([before.earned, before.counted.latePenaltyPercent]).toEqual([15, 25]);
    // an extension granted afterwards applies to what was already submitted
    await prof.request('PATCH', `/assignments/${lateCounted}`, { closesAt: iso(Date.now() + 60_000) });
    const after = (await kim.client.request('GET', `/assignments/${lateCounted}`)).body.mine.problems[0];
    expect([after.earned, after.counted.latePenaltyPercent]).toEqual([20, 0]);
    const alone = await assignment({
      closesAt: iso(Date.now() - 2_000),
      latePolicy: { per: 'day', penaltyPercent: 10, cutoffAt: iso(Date.now() + 3_600_000) },
    });
    const lateOnly = await kim.client.result((await submitTo(kim.client, alone, SUM_AC.python)).body.id);
    expect(lateOnly.assignment.latePenaltyPercent).toBe(10);
    mine = (await kim.client.request('GET', `/assignments/${alone}`)).body.mine;
    expect(mine.problems[0]).toMatchObject({ earned: 18, counted: { latePenaltyPercent: 10 } });
    expect(mine.total).toBe(18);

    // past the cutoff: refused, or judged as practice (not graded) when the instructor allows it
    const closed = await assignment({ closesAt: iso(Date.now() - 2_000) });
    const refused = await submitTo(kim.client, closed, SUM_AC.python);
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'ASSIGNMENT_CLOSED']);
    const practice = await assignment({ closesAt: iso(Date.now() - 2_000), practiceAfterCutoff: true });
    const p = await kim.client.result((await submitTo(kim.client, practice, SUM_AC.python)).body.id);
    expect([p.verdict, p.assignment.practice]).toEqual(['AC', true]);
    expect((await kim.client.request('GET', `/assignments/${practice}`)).body.mine.problems[0].status).toBe(
      'not-tried',
    );
    // not open yet: refused, and its problems not listed to students
    const future = await assignment({ opensAt: iso(Date.now() + 3_600_000), closesAt: iso(Date.now() + 7_200_000) });
    expect((await submitTo(kim.client, future, SUM_AC.python)).body.error?.code).toBe('ASSIGNMENT_NOT_OPEN');
    expect((await kim.client.request('GET', `/assignments/${future}`)).body.problems).toEqual([]);
  });

  it('counts the best or the last submission as the assignment says, and limits attempts', async () => {
    const lee = await account('student', 'lee');
    await lee.client.request('POST', '/courses/join', { code });
    const best = await assignment({ counting: 'best', maxAttempts: 2 });
    const last = await assignment({ counting: 'last' });
    for (const a of [best, last]) {
      await lee.client.result((await submitTo(lee.client, a, SUM_AC.python)).body.id);
      await lee.client.result((await submitTo(lee.client, a, WRONG)).body.id);
    }
    const b = (await lee.client.request('GET', `/assignments/${best}`)).body.mine.problems[0];
    const l = (await lee.client.request('GET', `/assignments/${last}`)).body.mine.problems[0];
    expect([b.status, b.attempts, b.counted.score, b.earned]).toEqual(['accepted', 2, 100, 20]);
    expect([l.status, l.attempts, l.counted.score, l.earned]).toEqual(['accepted', 2, 0, 0]);
    const third = await submitTo(lee.client, best, SUM_AC.python);
    expect([third.status, third.body.error?.code]).toEqual([409, 'ATTEMPTS_EXHAUSTED']);
  });

  it("serves a gradebook whose CSV matches each student's own view, and shows staff the students' submissions", async () => {
    const a = await assignment({});
    const cho = await account('student', 'cho');
    const choi = await account('student', 'choi');
    for (const s of [cho, choi]) await s.client.request('POST', '/courses/join', { code });
    const choSub = await cho.client.result((await submitTo(cho.client, a, SUM_AC.python)).body.id);
    await choi.client.result((await submitTo(choi.client, a, WRONG)).body.id);

    const book = await prof.request('GET', `/assignments/${a}/gradebook`);
    expect(book.status).toBe(200);
    const csv = await prof.request('GET', `/assignments/${a}/gradebook.csv`);
    expect(csv.status).toBe(200);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe(
      `"Student","ID","SIS User ID","SIS Login ID","Section","Email address","${slug} (20)","${book.body.assignment.title} (20)"`,
    );
    for (const s of [cho, choi]) {
      const own = await s.client.request('GET', `/assignments/${a}/students/${s.id}`);
      expect(own.status).toBe(200);
      const row = lines.find((l) => l.includes(`"${s.email}"`));
      expect(row).toBe(
        `"${own.body.name}","","","${s.email}","","${s.email}","${own.body.problems[0].earned}","${own.body.total}"`,
      );
      expect(book.body.students.find((x: { id: string }) => x.id === s.id)).toEqual(own.body);
    }
    // the course's gradebook holds this assignment's totals, in its CSV too
    const course = await prof.request('GET', `/courses/${courseId}/gradebook`);
    const column = course.body.assignments.findIndex((x: { id: string }) => x.id === a);
    expect(column).toBeGreaterThanOrEqual(0);
    const choRow = course.body.students.find((x: { id: string }) => x.id === cho.id);
    expect(choRow.assignments[column]).toBe(20);
    const courseCsv = ((await prof.request('GET', `/courses/${courseId}/gradebook.csv`)).body as string).split('\r\n');
    expect(courseCsv[0]).toMatch(
      /^"Student","ID","SIS User ID","SIS Login ID","Section","Email address",.*"Total \(\d+\)"$/,
    );
    expect(courseCsv.find((l) => l.includes(`"${cho.email}"`))).toMatch(new RegExp(`"${choRow.total}"$`));
    expect((await cho.client.request('GET', `/courses/${courseId}/gradebook`)).status).toBe(403);
    // a student reads only their own results
    expect((await cho.client.request('GET', `/assignments/${a}/students/${choi.id}`)).status).toBe(404);
    // an assistant of the course sees the students' submissions; an outsider instructor does not
    const ta = await account('instructor', 'ta');
    expect(
      (await prof.request('POST', `/courses/${courseId}/members`, { email: ta.email, role: 'assistant' })).status,
    ).toBe(200);
    expect((await ta.client.request('GET', `/submissions/${choSub.id}`)).status).toBe(200);
    expect((await ta.client.request('GET', `/assignments/${a}/gradebook`)).status).toBe(200);
    expect((await ta.client.request('POST', `/courses/${courseId}/assignments`, {})).status).toBe(400);
    const other = await account('instructor', 'other');
    expect((await other.client.request('GET', `/submissions/${choSub.id}`)).status).toBe(404);
  });

  it('hides the scoreboard from students until the instructor shows it', async () => {
    const a = await assignment({ scoreboard: 'hidden' });
    const han = await account('student', 'han');
    await han.client.request('POST', '/courses/join', { code });
    await han.client.result((await submitTo(han.client, a, SUM_AC.python)).body.id);
    expect((await han.client.request('GET', `/assignments/${a}/scoreboard`)).status).toBe(404);
    const staff = await prof.request('GET', `/assignments/${a}/scoreboard`);
    expect(staff.status).toBe(200);
    expect(staff.body.rows[0]).toMatchObject({ rank: 1, student: 'han', solved: 1 });
    expect((await prof.request('PATCH', `/assignments/${a}`, { scoreboard: 'shown' })).status).toBe(200);
    expect((await han.client.request('GET', `/assignments/${a}/scoreboard`)).body.rows[0].student).toBe('han');
  });

  it('does not change how a problem in an open assignment is judged unless the instructor confirms it', async () => {
    const test = { name: 'extra', kind: 'secret', input: '2 2\n', answer: '4\n' };
    const refused = await prof.request('POST', `/problems/${slug}/tests`, test);
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'PROBLEM_IN_OPEN_ASSIGNMENT']);
    expect(refused.body.error.message).toMatch(/Secure Coding Lab: .*confirm=true.*rejudge/);
    const limits = await prof.request('PATCH', `/problems/${slug}`, { timeLimitMs: 2000 });
    expect(limits.body.error?.code).toBe('PROBLEM_IN_OPEN_ASSIGNMENT');
    // a change that does not touch the judging goes through
    expect((await prof.request('PATCH', `/problems/${slug}`, { name: 'A plus B, again' })).status).toBe(200);
    const added = await prof.request('POST', `/problems/${slug}/tests?confirm=true`, test);
    expect(added.status).toBe(201);
    expect((await prof.request('DELETE', `/problems/${slug}/tests/${added.body.id}?confirm=true`)).status).toBe(204);
  });

  it('refuses impossible schedules and bad input with a clear 4xx', async () => {
    const bad = (body: Record<string, unknown>) =>
      prof.request('POST', `/courses/${courseId}/assignments`, {
        title: 'x',
        problems: [{ problem: slug, points: 1 }],
        opensAt: '2027-03-01T00:00:00Z',
        closesAt: '2027-03-09T00:00:00Z',
        ...body,
      });
    expect((await bad({ closesAt: '2027-02-30T00:00:00Z' })).status).toBe(400);
    expect((await bad({ closesAt: '2027-02-01T00:00:00Z' })).body.error?.code).toBe('BAD_SCHEDULE');
    expect(
      (await bad({ latePolicy: { per: 'day', penaltyPercent: 10, cutoffAt: '2027-03-08T00:00:00Z' } })).body.error
        ?.code,
    ).toBe('BAD_SCHEDULE');
    expect((await bad({ latePolicy: { per: 'week', penaltyPercent: 1e308 } })).status).toBe(400);
    expect((await bad({ problems: [{ problem: 'no-such-problem', points: 1 }] })).body.error?.code).toBe(
      'PROBLEM_NOT_FOUND',
    );
    expect((await prof.request('POST', '/courses', { name: 'x', timeZone: 'Mars/Olympus' })).body.error?.code).toBe(
      'BAD_TIME_ZONE',
    );
    expect((await prof.request('GET', '/courses/not-a-uuid')).status).toBe(404);
    expect(
      (
        await prof.request('POST', '/submissions', {
          problem: slug,
          language: 'python',
          source: 'x',
          assignment: 'nope',
        })
      ).status,
    ).toBe(400);
  });
});
