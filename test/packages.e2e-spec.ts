import { unzipSync } from 'fflate';
import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';

// The longest test (two verifications) takes about 40 s (measured); a hang shows within three minutes.
jest.setTimeout(180_000);

/**
 * A package laid out as Kattis scoring problems are: no time limit in problem.yaml, two subtasks
 * (small numbers for 30 points, 64-bit sums for 70, each all-or-nothing), samples worth nothing,
 * and reference solutions in every folder problemtools knows.
 */
const SUM_LIST = {
  'problem.yaml': 'name: Sum of a list\ntype: scoring\nvalidation: default\n',
  'problem_statement/problem.en.md':
    '# Sum of a list\n\nThe first line holds n, the next n numbers. Print their sum.\n',
  'problem_statement/problem.ko.md': '# 리스트의 합\n\n첫 줄에 n, 다음 줄에 n개의 수가 주어진다. 합을 출력하라.\n',
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

/**
 * Laid out like the older packages in the wild: zipped inside its folder, no name in problem.yaml
 * (it is in the LaTeX statement), a second statement in Swedish, no time limit, a custom C++
 * validator with its own header, test descriptions beside the data, and reference solutions in
 * seven languages and dialects, some of which Bastion cannot run.
 */
const DISTANCE: Record<string, string> = {
  'problem.yaml': 'source: Bastion tests\nlicense: cc by-sa\nvalidation: custom\nlimits:\n  time_safety_margin: 4\n',
  'problem_statement/problem.en.tex':
    '\\problemname{Distance}\nFor each line with two integers, print how far apart they are.\n',
  'problem_statement/problem.sv.md': '# Avstånd\n\nSkriv avståndet mellan talen på varje rad.\n',
  'data/sample/1.in': '1 5\n7 3\n',
  'data/sample/1.ans': '4\n4\n',
  'data/secret/01.in': '0 0\n-3 3\n10 2\n',
  'data/secret/01.ans': '0\n6\n8\n',
  'data/secret/01.desc': 'small values, one pair equal\n',
  'data/secret/02_extreme.in': '-1000000000000000 1000000000000000\n999999999999999 -1\n',
  'data/secret/02_extreme.ans': '2000000000000000\n1000000000000000\n',
  'data/secret/02_extreme.desc': 'values beyond 32 bits\n',
  'output_validators/distance_validator/verdict.h':
    '#pragma once\n#include <cstdlib>\n#include <fstream>\n#include <string>\n' +
    '[[noreturn]] inline void accept_output() { std::exit(42); }\n' +
    '[[noreturn]] inline void reject_output(const char* dir, const std::string& why) {\n' +
    '  std::ofstream(std::string(dir) + "judgemessage.txt") << why;\n  std::exit(43);\n}\n',
  'output_validators/distance_validator/check.cc':
    '#include "verdict.h"\n#include <iostream>\nint main(int argc, char** argv) {\n' +
    '  std::ifstream answers(argv[2]);\n  long long want, got;\n  int line = 0;\n' +
    '  while (answers >> want) {\n    ++line;\n' +
    '    if (!(std::cin >> got)) reject_output(argv[3], "missing answer " + std::to_string(line));\n' +
    '    if (got != want) reject_output(argv[3], "wrong answer on line " + std::to_string(line));\n  }\n' +
    '  std::string extra;\n  if (std::cin >> extra) reject_output(argv[3], "output after the last answer");\n' +
    '  accept_output();\n}\n',
  'submissions/accepted/distance.c':
    '#include <stdio.h>\n#include <stdlib.h>\nint main(void) {\n  long long a, b;\n' +
    '  while (scanf("%lld %lld", &a, &b) == 2) printf("%lld\\n", llabs(a - b));\n  return 0;\n}\n',
  'submissions/accepted/distance.cc':
    '#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n  long long a, b;\n' +
    '  while (cin >> a >> b) cout << (a > b ? a - b : b - a) << "\\n";\n}\n',
  'submissions/accepted/Distance.java':
    'import java.io.*;\nimport java.util.*;\n\npublic class Distance {\n' +
    '  public static void main(String[] args) throws IOException {\n' +
    '    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n' +
    '    StringBuilder out = new StringBuilder();\n    for (String line; (line = in.readLine()) != null; ) {\n' +
    '      StringTokenizer t = new StringTokenizer(line);\n      if (!t.hasMoreTokens()) continue;\n' +
    '      long a = Long.parseLong(t.nextToken()), b = Long.parseLong(t.nextToken());\n' +
    "      out.append(Math.abs(a - b)).append('\\n');\n    }\n    System.out.print(out);\n  }\n}\n",
  'submissions/accepted/distance.js':
    "const rl = require('readline').createInterface({ input: process.stdin });\n" +
    "rl.on('line', (line) => {\n  const [a, b] = line.trim().split(/\\s+/).map(BigInt);\n" +
    '  if (line.trim()) console.log((a > b ? a - b : b - a).toString());\n});\n',
  'submissions/accepted/distance3.py':
    '#!/usr/bin/env python3\nimport sys\nfor line in sys.stdin:\n    if line.strip():\n' +
    '        a, b = map(int, line.split())\n        print(abs(a - b))\n',
  'submissions/accepted/distance2.py':
    '#!/usr/bin/env python2\nimport sys\nfor line in sys.stdin:\n    a, b = map(int, line.split())\n    print abs(a - b)\n',
  'submissions/slow_accepted/slow.py':
    'import sys\nfor line in sys.stdin:\n    a, b = map(int, line.split())\n    s = 0\n' +
    '    for _ in range(3000000):\n        s += 1\n    print(abs(a - b) + s - s)\n',
  'submissions/time_limit_exceeded/count.cc':
    '#include <cstdio>\nint main() {\n  long long a, b;\n  while (scanf("%lld %lld", &a, &b) == 2) {\n' +
    '    if (a > b) { long long t = a; a = b; b = t; }\n    volatile long long d = 0;\n' +
    '    for (long long x = a; x < b; x++) d++;\n    printf("%lld\\n", d);\n  }\n}\n',
  'submissions/wrong_answer/int32.cc':
    '#include <cstdio>\n#include <cstdlib>\nint main() {\n  long long a, b;\n' +
    '  while (scanf("%lld %lld", &a, &b) == 2) printf("%d\\n", abs((int)a - (int)b));\n}\n',
  'submissions/run_time_error/ratio.py':
    'import sys\nfor line in sys.stdin:\n    a, b = map(int, line.split())\n' +
    '    assert a != b or a == 0 and False, "equal"\n    print(abs(a - b))\n',
  'submissions/accepted/distance.kt': 'fun main() {}\n',
};

async function verified(client: ApiClient, slug: string, timeoutMs = 120_000): Promise<any> {
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
  let problems = 0;

  /** The sum-of-a-list package imported by the instructor under a new slug, once its verification is done. */
  async function verifiedSumList(): Promise<string> {
    const slug = `sumlist-${id}-${++problems}`;
    expect((await instructor.importProblem(SUM_LIST, slug)).status).toBe(201);
    expect(await verified(instructor, slug)).toMatchObject({ status: 'done', ok: true });
    return slug;
  }

  /** One verified sum-of-a-list problem for the tests that only read it (made by the first that asks). */
  let shared: Promise<string> | undefined;
  const readOnlySumList = () => (shared ??= verifiedSumList());

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
    const slug = `sumlist-${id}`;
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
    expect(Object.keys(p.body.statements).sort()).toEqual(['en', 'ko']);
    expect(p.body.statement).toMatch(/^# Sum of a list/);

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
    const slug = await verifiedSumList();
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
    const slug = await readOnlySumList();
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
    expect(v.stale).toBeUndefined();
    // Changing the limits makes the report out of date, and the limit is now the author's.
    const patched = await instructor.request('PATCH', `/problems/${slug}-copy`, { timeLimitMs: 3000 });
    expect(patched.body).toMatchObject({ timeLimitMs: 3000, timeLimitSource: 'edited' });
    expect((await instructor.request('GET', `/problems/${slug}-copy/verify`)).body.stale).toBe(true);
  });

  it('imports and verifies a package laid out as older real-world ones are', async () => {
    const files = Object.fromEntries(Object.entries(DISTANCE).map(([k, v]) => [`distance/${k}`, v]));
    const r = await instructor.importProblem(files, `distance-${id}`);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Distance', type: 'pass-fail', timeLimitSource: 'pending' });
    expect(r.body.checker).toEqual({ type: 'custom', language: 'cpp' });
    const v = await verified(instructor, `distance-${id}`);
    const byPath = Object.fromEntries(v.solutions.map((s: any) => [s.path.replace('submissions/', ''), s]));
    for (const ok of ['distance.c', 'distance.cc', 'Distance.java', 'distance.js', 'distance3.py']) {
      expect(byPath[`accepted/${ok}`]).toMatchObject({ verdict: 'AC', ok: true });
    }
    expect(byPath['accepted/distance2.py']).toMatchObject({ language: null, ok: null });
    expect(byPath['accepted/distance2.py'].note).toMatch(/Python 2/);
    expect(byPath['accepted/distance.kt']).toMatchObject({ language: null, ok: null });
    expect(byPath['slow_accepted/slow.py']).toMatchObject({ expected: 'any', ok: null });
    expect(byPath['time_limit_exceeded/count.cc']).toMatchObject({ verdict: 'TLE', ok: true });
    expect(byPath['wrong_answer/int32.cc']).toMatchObject({ verdict: 'WA', ok: true });
    expect(byPath['run_time_error/ratio.py']).toMatchObject({ verdict: 'RE', ok: true });
    expect(v).toMatchObject({ status: 'done', ok: true, timeLimitSource: 'reference' });

    const p = await instructor.request('GET', `/problems/distance-${id}`);
    expect(Object.keys(p.body.statements).sort()).toEqual(['en', 'sv']);
    // The validator's message reaches the student's result.
    const wa = await instructor.request('GET', `/submissions/${byPath['wrong_answer/int32.cc'].submissionId}`);
    expect(wa.body.tests.find((t: any) => t.verdict === 'WA').message).toMatch(/wrong answer on line/);
  });

  it('lets only the author or an admin verify, and says what is missing', async () => {
    const slug = await readOnlySumList();
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
