import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';
import { until } from './support/wait';

jest.setTimeout(300_000);

/**
 * Hidden tests never reach a student. A problem whose secret and attack tests carry unique markers
 * (inputs, answers, forbidden strings) is judged against programs that try every way to carry their
 * input out: stderr shaped as AddressSanitizer, UndefinedBehaviorSanitizer, LeakSanitizer and
 * hardening reports, wrong answers the checker would quote, forbidden output, exit codes, floods,
 * exceptions. Then everything the student can read is scanned for the markers.
 */
const marker = (what: string) => `${what}${randomBytes(8).toString('hex')}`;
const M = {
  secretIn: marker('SIN'),
  secretAns: marker('SANS'),
  attackIn: marker('AIN'),
  attackAns: marker('AANS'),
  forbidden: marker('FORB'),
};
/** Each marker, and every piece of it a report could have cut it to (8 characters or more). */
const needles = Object.values(M).flatMap((m) =>
  Array.from({ length: m.length - 7 }, (_, i) => m.slice(i, i + 8)).concat(m),
);

/** C: the input echoed on stdout, and on stderr in the shape of every report the judge reads. */
const ECHO_REPORTS_C = String.raw`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  static char in[1 << 16];
  size_t n = fread(in, 1, sizeof in - 1, stdin);
  in[n] = 0;
  for (char *p = in; *p; p++) if (*p == '\n') *p = ' ';
  printf("%s\n", in);
  fprintf(stderr, "main.c:3:1: runtime error: signed integer overflow: %s\n", in);
  fprintf(stderr, "main.c:%d:2: runtime error: %s\n", (int)(unsigned char)in[0], in);
  fprintf(stderr, "==1==ERROR: AddressSanitizer: %s on address 0x602000000011 at pc 0x1\n", in);
  fprintf(stderr, "WRITE of size 4 at 0x602000000011 thread T0\n    #0 0x55 in %s /box/main.c:%d:3\n", in, (int)strlen(in));
  fprintf(stderr, "==1==ERROR: LeakSanitizer: detected memory leaks\nSUMMARY: AddressSanitizer: %lu byte(s) leaked\n",
          strtoul(in + 4, 0, 16));
  fprintf(stderr, "*** stack smashing detected ***: %s terminated\n*** buffer overflow detected ***: %s\n", in, in);
  fflush(NULL);
  exit((unsigned char)in[0]);
}
`;

/** C: a real heap overflow driven by the input, after printing it (a genuine ASan report). */
const REAL_OVERFLOW_C = String.raw`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  char line[256] = {0};
  if (!fgets(line, sizeof line, stdin)) return 1;
  fprintf(stderr, "%s", line);
  char *p = malloc(4);
  memcpy(p, line, strlen(line));
  printf("%s", p);
  free(p);
  return 0;
}
`;

/** C++: the same echo in UBSan's shape for main.cpp, then a null write. */
const ECHO_CPP = String.raw`#include <iostream>
#include <iterator>
#include <string>
int main() {
  std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::cout << in << std::endl;
  std::cerr << "main.cpp:2:1: runtime error: load of null pointer " << in << std::endl;
  std::cerr << "==1==ERROR: AddressSanitizer: " << in << std::endl;
  volatile int *p = nullptr;
  if (in.size() > 3) *p = 1;
  return 0;
}
`;

/** Python: the input in stdout, stderr, an exception's message, and a flood. */
const ECHO_PY = `import sys
data = sys.stdin.read()
print(data)
print("main.py:1:1: runtime error: " + data, file=sys.stderr)
if len(data) % 2:
    sys.stdout.write(data * 200000)
raise RuntimeError(data)
`;

describe('hidden tests never leak to a student', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let student: ApiClient;
  let hook: Server;
  const delivered: string[] = [];
  const slug = `hidden-${Date.now().toString(36)}`;

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    const created = await admin.request('POST', '/problems', {
      slug,
      name: 'Echo',
      statement: 'Print what you read.',
      timeLimitMs: 1000,
      memoryLimitMb: 256,
      tests: [
        { name: '1', kind: 'sample', input: 'hello\n', answer: 'hello\n' },
        { name: 'a', kind: 'secret', input: `${M.secretIn}\n`, answer: `${M.secretAns}\n` },
        { name: 'b', kind: 'secret', input: `x ${M.secretIn} y\n`, answer: `x ${M.secretAns} y\n` },
        {
          name: 'inject',
          kind: 'attack',
          input: `${M.attackIn} ${M.forbidden}\n`,
          answer: `${M.attackAns}\n`,
          forbidden: [M.forbidden],
        },
      ],
    });
    expect(created.status).toBe(201);
    expect((await admin.request('POST', `/problems/${slug}/publish`)).status).toBe(200);
    const email = `leak-${Date.now().toString(36)}@example.edu`;
    expect(
      (await admin.request('POST', '/users', { email, password: 'correct horse', name: 'S', role: 'student' })).status,
    ).toBe(201);
    student = await new ApiClient(system.baseUrl).login(email, 'correct horse');
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        delivered.push(JSON.stringify(req.headers) + body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  });

  afterAll(async () => {
    await system?.stop();
    await new Promise((r) => hook?.close(r));
  });

  /** Everything a student can read about a submission, as text. */
  async function readable(id: string): Promise<{ view: any; text: string }> {
    const view = await student.result(id, 180_000);
    const parts = [JSON.stringify(view)];
    for (const path of [`/submissions/${id}/sarif`, `/submissions/${id}/source`, `/submissions/${id}/webhooks`]) {
      const r = await student.request('GET', path);
      expect(r.status).toBe(200);
      parts.push(JSON.stringify(r.body));
    }
    parts.push(JSON.stringify((await student.request('GET', `/submissions?problem=${slug}`)).body));
    parts.push(JSON.stringify((await student.request('GET', `/problems/${slug}`)).body));
    const sse = await fetch(`${system.baseUrl}/api/v1/submissions/${id}/events`, {
      headers: { authorization: `Bearer ${student.token}` },
    });
    parts.push(await sse.text());
    return { view, text: parts.join('\n') };
  }

  const programs: [string, string, string][] = [
    ['c', 'reports shaped by the program, exit codes', ECHO_REPORTS_C],
    ['c', 'a real heap overflow after echoing', REAL_OVERFLOW_C],
    ['cpp', 'UBSan-shaped stderr and a null write', ECHO_CPP],
    ['python', 'stderr, an exception, a flood', ECHO_PY],
  ];

  it.each(programs)('%s: %s', async (language, _what, source) => {
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const submitted = await student.request('POST', '/submissions', {
      problem: slug,
      language,
      source,
      callbackUrl: url,
    });
    expect(submitted.status).toBe(202);
    const id = submitted.body.id as string;
    // live events while it is judged, then everything readable once it is done
    const live = fetch(`${system.baseUrl}/api/v1/submissions/${id}/events`, {
      headers: { authorization: `Bearer ${student.token}` },
    }).then((r) => r.text());
    const { view, text } = await readable(id);
    await until('the webhook delivery', async () => delivered.some((d) => d.includes(id)), 60_000);
    const everything = [text, await live, ...delivered.filter((d) => d.includes(id))].join('\n');

    expect(view.status).toBe('done');
    expect(view.tests.map((t: { name: string }) => t.name)).toEqual([
      'sample/1',
      'secret/a',
      'secret/b',
      'attack/inject',
    ]);
    // the echo paths were really taken: the hidden tests failed, and (C/C++) the forged reports
    // became findings, with their kind and a line but none of the program's text
    expect(view.tests.slice(1).every((t: { verdict: string }) => t.verdict !== 'AC')).toBe(true);
    expect(view.security.findings.some((f: { tool: string }) => f.tool === 'attack-test')).toBe(true);
    if (language === 'c' && source === ECHO_REPORTS_C) {
      const tools = view.security.findings.map((f: { tool: string }) => f.tool).join(' ');
      expect(tools).toMatch(/ubsan|asan/);
      expect(tools).toMatch(/hardened-build/);
    }
    // a finding's evidence of a run is the test's name and nothing else (never what the program printed)
    const names = view.tests.map((t: { name: string }) => t.name);
    for (const f of view.security.findings as { evidence?: Record<string, unknown> }[])
      if (f.evidence?.kind === 'run') {
        expect(Object.keys(f.evidence).sort()).toEqual(['kind', 'test']);
        expect(names).toContain(f.evidence.test);
      }
    expect(view.security.findings.some((f: { evidence?: { kind: string } }) => f.evidence?.kind === 'run')).toBe(true);
    // a checker's message (which quotes the answer) is shown for the sample only
    for (const t of view.tests.slice(1)) expect(t.message).toBeUndefined();
    const found = needles.filter((n) => everything.includes(n));
    expect(found).toEqual([]);
  });
});
