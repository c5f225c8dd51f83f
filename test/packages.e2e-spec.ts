import { unzipSync } from 'fflate';
import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';

jest.setTimeout(300_000);

/**
 * A package laid out as Kattis scoring problems are: no time limit in problem.yaml, two subtasks
 * (small numbers for 30 points, 64-bit sums for 70, each all-or-nothing), samples worth nothing,
 * and reference solutions in every folder problemtools knows.
 */
const SUM_LIST = {
  'problem.yaml': 'name: Sum of a list\ntype: scoring\nvalidation: default\n',
  'problem_statement/problem.en.md':
    '# Sum of a list\n\nThe first line holds n, the next n numbers. Print their sum.\n',
  'data/testdata.yaml': 'on_reject: continue\ngrader_flags: ignore_sample sum\n',
  'data/sample/1.in': '3\n1 2 3\n',
  'data/sample/1.ans': '6\n',
  'data/secret/small/testdata.yaml': 'on_reject: break\naccept_score: 30\ngrader_flags: min\nrange: 0 30\n',
  'data/secret/small/1.in': '2\n5 7\n',
  'data/secret/small/1.ans': '12\n',
  'data/secret/small/2.in': '4\n-1 -2 10 3\n',
  'data/secret/small/2.ans': '10\n',
  'data/secret/large/testdata.yaml': 'on_reject: break\naccept_score: 70\ngrader_flags: min\nrange: 0 70\n',
  'data/secret/large/1.in': '3\n2000000000 2000000000 2000000000\n',
  'data/secret/large/1.ans': '6000000000\n',
  'data/secret/large/2.in': '2\n-3000000000 1\n',
  'data/secret/large/2.ans': '-2999999999\n',
  'submissions/accepted/sum.py': 'import sys\nd = sys.stdin.read().split()\nprint(sum(map(int, d[1:])))\n',
  'submissions/accepted/Summer.java': `import java.util.*;
public class Summer {
  public static void main(String[] args) {
    Scanner in = new Scanner(System.in);
    int n = in.nextInt();
    long s = 0;
    for (int i = 0; i < n; i++) s += in.nextLong();
    System.out.println(s);
  }
}
`,
  'submissions/wrong_answer/int32.c':
    '#include <stdio.h>\nint main(void){int n,s=0,x;scanf("%d",&n);while(n--){long long v;scanf("%lld",&v);x=(int)v;s+=x;}printf("%d\\n",s);return 0;}\n',
  'submissions/time_limit_exceeded/spin.c':
    '#include <stdio.h>\nint main(void){int n;long long v,s=0;scanf("%d",&n);for(int i=0;i<n;i++){scanf("%lld",&v);s+=v;if(v>1000000000LL||v<-1000000000LL)for(;;);}printf("%lld\\n",s);return 0;}\n',
  'submissions/run_time_error/crash.py':
    'import sys\nd = list(map(int, sys.stdin.read().split()))\nif max(map(abs, d)) > 10**9:\n    raise OverflowError("too big")\nprint(sum(d[1:]))\n',
  'submissions/accepted/README.txt': 'How the solutions work.\n',
};

async function verified(client: ApiClient, slug: string, timeoutMs = 240_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.request('GET', `/problems/${slug}/verify`);
    expect(r.status).toBe(200);
    if (r.body.status !== 'running') return r.body;
    if (Date.now() > deadline) throw new Error(`verification of ${slug} still running: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 500));
  }
}

describe('Kattis packages: test groups, reference solutions, verify and the derived time limit', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let instructor: ApiClient;
  let student: ApiClient;
  const id = Date.now().toString(36);
  const slug = `sumlist-${id}`;

  beforeAll(async () => {
    system = await startSystem({ BASTION_POOL_SIZE: '2' });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    for (const [role, email] of [
      ['instructor', `teach-${id}@example.org`],
      ['student', `learn-${id}@example.org`],
    ]) {
      const r = await admin.request('POST', '/users', { email, password: 'correct-horse-9', name: role, role });
      expect(r.status).toBe(201);
    }
    instructor = await new ApiClient(system.baseUrl).login(`teach-${id}@example.org`, 'correct-horse-9');
    student = await new ApiClient(system.baseUrl).login(`learn-${id}@example.org`, 'correct-horse-9');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('imports the groups and solutions, measures the time limit and verifies every folder', async () => {
    const r = await instructor.importProblem(SUM_LIST, slug);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: 'scoring', timeLimitSource: 'pending', referenceSolutions: 6 });
    expect(r.body.verification).toMatchObject({ status: 'running' });

    const v = await verified(instructor, slug);
    const byPath = Object.fromEntries(v.solutions.map((s: any) => [s.path, s]));
    expect(v).toMatchObject({ status: 'done', ok: true, timeLimitSource: 'reference' });
    expect(v.timeLimitMs).toBeGreaterThanOrEqual(1000);
    expect(v.timeLimitMs % 1000).toBe(0);
    expect(byPath['submissions/accepted/sum.py']).toMatchObject({ verdict: 'AC', ok: true, score: 100 });
    expect(byPath['submissions/accepted/Summer.java']).toMatchObject({ language: 'java', verdict: 'AC', ok: true });
    expect(byPath['submissions/wrong_answer/int32.c']).toMatchObject({ verdict: 'WA', ok: true, score: 30 });
    expect(byPath['submissions/time_limit_exceeded/spin.c']).toMatchObject({ verdict: 'TLE', ok: true });
    expect(byPath['submissions/run_time_error/crash.py']).toMatchObject({ verdict: 'RE', ok: true });
    expect(byPath['submissions/accepted/README.txt']).toMatchObject({ language: null, verdict: null, ok: null });
    expect(byPath['submissions/accepted/README.txt'].note).toMatch(/\.txt/);

    const p = await instructor.request('GET', `/problems/${slug}`);
    expect(p.body).toMatchObject({ timeLimitMs: v.timeLimitMs, timeLimitSource: 'reference', type: 'scoring' });

    // The solution submissions are the instructor's and readable like any other.
    const wa = await instructor.request(
      'GET',
      `/submissions/${byPath['submissions/wrong_answer/int32.c'].submissionId}`,
    );
    expect(wa.body.groups).toEqual([
      { name: 'secret', score: 30, maxScore: 100, verdict: 'WA' },
      { name: 'secret/large', score: 0, maxScore: 70, verdict: 'WA' },
      { name: 'secret/small', score: 30, maxScore: 30, verdict: 'AC' },
    ]);
  });

  it('scores a student by subtask once published', async () => {
    expect((await instructor.request('POST', `/problems/${slug}/publish`)).status).toBe(200);
    // Right on the small subtask, and prints nothing for a sample: samples are worth nothing here.
    const partial = await student.result(
      await student.submit(
        slug,
        'python',
        'import sys\nd=list(map(int,sys.stdin.read().split()))\nprint(sum(d[1:]) if max(map(abs,d))<10**9 and d[0]!=3 else 0)\n',
      ),
    );
    expect(partial).toMatchObject({ verdict: 'WA', score: 30 });
    expect(partial.groups.find((g: any) => g.name === 'secret/small')).toMatchObject({ score: 30, maxScore: 30 });
    const full = await student.result(await student.submit(slug, 'python', SUM_LIST['submissions/accepted/sum.py']));
    expect(full).toMatchObject({ verdict: 'AC', score: 100 });
  });

  it('exports groups and solutions, and the re-imported problem verifies the same', async () => {
    const zip = await fetch(`${system.baseUrl}/api/v1/problems/${slug}/export`, {
      headers: { authorization: `Bearer ${instructor.token}` },
    });
    expect(zip.status).toBe(200);
    const bytes = new Uint8Array(await zip.arrayBuffer());
    const files = unzipSync(bytes);
    const text = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextDecoder().decode(v)]));
    expect(text[`${slug}/problem.yaml`]).toMatch(/type: scoring/);
    expect(text[`${slug}/data/secret/large/testdata.yaml`]).toMatch(/accept_score: 70/);
    expect(text[`${slug}/submissions/wrong_answer/int32.c`]).toBe(SUM_LIST['submissions/wrong_answer/int32.c']);

    const form = new FormData();
    form.append('file', new Blob([bytes]), 'p.zip');
    form.append('slug', `${slug}-copy`);
    const again = await instructor.request('POST', '/problems/import', form);
    expect(again.status).toBe(201);
    // The exported package carries the measured limit, so nothing is pending now.
    expect(again.body).toMatchObject({ type: 'scoring', timeLimitSource: 'package', referenceSolutions: 5 });
    expect(again.body.verification).toBeUndefined();
    expect((await instructor.request('POST', `/problems/${slug}-copy/verify`)).status).toBe(202);
    const v = await verified(instructor, `${slug}-copy`);
    expect(v).toMatchObject({ status: 'done', ok: true, timeLimitSource: 'package' });
  });

  it('lets only the author or an admin verify, and says what is missing', async () => {
    expect((await student.request('POST', `/problems/${slug}/verify`)).status).toBe(403);
    expect((await student.request('GET', `/problems/${slug}/verify`)).status).toBe(403);
    expect((await instructor.request('POST', `/problems/no-such-${id}/verify`)).status).toBe(404);
    expect((await admin.request('GET', `/problems/${slug}/verify`)).status).toBe(200);

    const plain = await instructor.importProblem(
      {
        'problem.yaml': 'name: Echo\n',
        'data/sample/1.in': 'a\n',
        'data/sample/1.ans': 'a\n',
      },
      `echo-${id}`,
    );
    expect(plain.body).toMatchObject({ type: 'pass-fail', timeLimitSource: 'default', timeLimitMs: 1000 });
    const none = await instructor.request('POST', `/problems/echo-${id}/verify`);
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('NO_REFERENCE_SOLUTIONS');
    expect((await instructor.request('GET', `/problems/echo-${id}/verify`)).status).toBe(404);
  });
});
