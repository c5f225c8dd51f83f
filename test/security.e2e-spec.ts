import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, sandboxRuntime, startSystem } from './support/system';
import { until } from './support/wait';

jest.setTimeout(300_000);

const ECHO_GETS = [
  '#include <stdio.h>',
  'int main(void) {',
  '  char name[16];',
  '  gets(name);',
  '  printf("Hello, %s!\\n", name);',
  '  return 0;',
  '}',
  '',
].join('\n');

const ECHO_SAFE = [
  '#include <stdio.h>',
  '#include <string.h>',
  'int main(void) {',
  '  char name[64];',
  '  if (!fgets(name, sizeof name, stdin)) return 1;',
  '  name[strcspn(name, "\\n")] = 0;',
  '  printf("Hello, %s!\\n", name);',
  '  return 0;',
  '}',
  '',
].join('\n');

const GREETING = {
  'problem.yaml': 'name: Greeting\nvalidator_flags: case_sensitive\n',
  'bastion.yaml': 'security:\n  weight: 0.4\n  bannedApis: [system]\n  failOn: high\n',
  'data/sample/1.in': 'Ada\n',
  'data/sample/1.ans': 'Hello, Ada!\n',
  'data/secret/1.in': 'Grace\n',
  'data/secret/1.ans': 'Hello, Grace!\n',
  // Attack tests: a name longer than a careless buffer, and a shell injection.
  'data/attack/long-name.in': `${'A'.repeat(60)}\n`,
  'data/attack/long-name.ans': `Hello, ${'A'.repeat(60)}!\n`,
  // Echoed back, the input shows "PWN$((6*7))ED"; only a shell that ran it prints PWN42ED.
  'data/attack/inject.in': 'x; echo PWN$((6*7))ED\n',
  'data/attack/inject.forbid': 'PWN42ED\n',
};

describe(`security checks: graded on whether the code is safe, not only whether it works (${sandboxRuntime()})`, () => {
  let system: RunningSystem;
  let admin: ApiClient;
  const slug = `hello-sec-${Date.now().toString(36)}`;

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    const r = await admin.importProblem(GREETING, slug);
    expect(r.status).toBe(201);
    expect(r.body.security).toMatchObject({ weight: 0.4, bannedApis: ['system'], failOn: 'high' });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('tells a working but unsafe C program apart from a safe one, with CWE, line and fix hint', async () => {
    const unsafe = await admin.result(await admin.submit(slug, 'c', ECHO_GETS));
    expect(unsafe.verdict).toBe('AC'); // it works...
    expect(unsafe.security.verdict).toBe('vulnerable'); // ...but it is not safe
    expect(unsafe.accepted).toBe(false);
    const gets = unsafe.security.findings.find((f: any) => f.line === 4 && f.severity === 'critical');
    expect(gets).toMatchObject({
      file: 'main.c',
      cwe: expect.stringMatching(/^CWE-\d+$/),
      fixHint: expect.stringMatching(/fgets/),
    });
    expect(gets.cweUrl).toMatch(/^https:\/\/cwe\.mitre\.org\/data\/definitions\/\d+\.html$/);
    expect(unsafe.score).toBeLessThan(100);
    expect(unsafe.score).toBeGreaterThanOrEqual(60); // the functional 60% is earned in full

    const safe = await admin.result(await admin.submit(slug, 'c', ECHO_SAFE));
    expect(safe).toMatchObject({ verdict: 'AC', accepted: true, score: expect.any(Number) });
    expect(safe.security.verdict).toBe('secure');
    expect(safe.security.findings.filter((f: any) => f.severity === 'high' || f.severity === 'critical')).toEqual([]);
    expect(safe.score).toBe(100); // safe and correct keeps full marks
    expect(safe.security.score).toBe(100);
  });

  it('reports a banned API and injection-prone Python', async () => {
    const banned = await admin.result(
      await admin.submit(
        slug,
        'c',
        `#include <stdlib.h>\n${ECHO_SAFE.replace('return 0;', 'system("true");\n  return 0;')}`,
      ),
    );
    expect(banned.security.findings.map((f: any) => f.ruleId)).toContain('banned-api.system');

    const py = await admin.result(
      await admin.submit(slug, 'python', 'name = input()\nprint(eval("f\'Hello, {name}!\'"))\n'),
    );
    const evalFinding = py.security.findings.find((f: any) => f.cwe === 'CWE-95');
    expect(evalFinding).toMatchObject({ line: 2, file: 'main.py' });
    expect(py.security.verdict).toBe('vulnerable');
  });

  it('runs attack tests: a crash or a forbidden output is a security failure, not a functional one', async () => {
    const unsafe = await admin.result(await admin.submit(slug, 'c', ECHO_GETS));
    expect(unsafe.score).toBeGreaterThanOrEqual(60); // the scored tests still pass
    const attack = unsafe.tests.find((t: any) => t.name === 'attack/long-name');
    expect(attack).toMatchObject({ kind: 'attack', verdict: 'RE' });
    expect(unsafe.security.findings).toContainEqual(
      expect.objectContaining({ tool: 'attack-test', ruleId: 'attack.long-name', cwe: 'CWE-20', severity: 'critical' }),
    );

    const shell = 'import os\nos.system("echo Hello, " + input() + "!")\n';
    const injected = await admin.result(await admin.submit(slug, 'python', shell));
    expect(injected.tests.find((t: any) => t.name === 'attack/inject').verdict).toBe('WA');
    expect(injected.security.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'attack.inject', cwe: 'CWE-20' }),
    );

    const safe = await admin.result(await admin.submit(slug, 'c', ECHO_SAFE));
    expect(safe.tests.filter((t: any) => t.kind === 'attack').map((t: any) => t.verdict)).toEqual(['AC', 'AC']);
    expect(safe.security.findings.filter((f: any) => f.tool === 'attack-test')).toEqual([]);
  });

  it('rebuilds C with AddressSanitizer and UBSan and replays the tests and attack tests', async () => {
    const unsafe = await admin.result(await admin.submit(slug, 'c', ECHO_GETS));
    // glibc's gets() overruns name[16] unseen; ASan catches the overrun when printf reads it back.
    // The hardened build (stack protector) aborts on the same attack: one weakness, one finding,
    // both tools named, with ASan's line.
    const asan = unsafe.security.findings.find((f: any) => f.tool === 'asan+hardened-build');
    expect(asan).toMatchObject({ file: 'main.c', cwe: expect.stringMatching(/^CWE-(121|125|787)$/) });
    expect([4, 5]).toContain(asan.line);
    expect(asan.message).toMatch(/stack buffer overflow .* on test attack\//);
    // its evidence: the run it was found on, by the test's name only
    expect(asan.evidence).toEqual({ kind: 'run', test: expect.stringMatching(/^attack\/(long-name|inject)$/) });
    expect(unsafe.security.findings.filter((f: any) => f.tool.includes('hardened-build'))).toHaveLength(1);

    const overflow = [
      '#include <stdio.h>',
      'int main(void) {',
      '  int a, b;',
      '  if (scanf("%d %d", &a, &b) != 2) return 1;',
      '  int sum = a + b;',
      '  printf("%d\\n", sum);',
      '  return 0;',
      '}',
    ].join('\n');
    const sumSlug = `${slug}-sum`;
    await admin.importProblem(
      {
        'problem.yaml': 'name: Sum\n',
        'data/sample/1.in': '1 2\n',
        'data/sample/1.ans': '3\n',
        'data/attack/big.in': '2147483647 1\n',
      },
      sumSlug,
    );
    const r = await admin.result(await admin.submit(sumSlug, 'c', overflow));
    expect(r.verdict).toBe('AC');
    expect(r.security.findings).toContainEqual(
      expect.objectContaining({
        tool: 'ubsan',
        cwe: 'CWE-190',
        line: 5,
        severity: 'high',
        evidence: { kind: 'run', test: 'attack/big' },
      }),
    );

    // LeakSanitizer (on the first replay, as main returns): memory lost while the program ran is a
    // high finding at its malloc; what main still holds at its end is no leak.
    const leaky = [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      'int main(void) {',
      '  long *v = malloc(2 * sizeof *v);',
      '  if (!v || scanf("%ld %ld", &v[0], &v[1]) != 2) return 1;',
      '  printf("%ld\\n", v[0] + v[1]);',
      '  v = NULL;',
      '  return 0;',
      '}',
    ].join('\n');
    const [leak, held] = await Promise.all(
      [leaky, leaky.replace('  v = NULL;\n', '')].map(async (src) =>
        admin.result(await admin.submit(sumSlug, 'c', src)),
      ),
    );
    expect([leak.verdict, held.verdict]).toEqual(['AC', 'AC']);
    expect(leak.security.findings).toContainEqual(
      expect.objectContaining({ tool: 'lsan', ruleId: 'lsan.leak', cwe: 'CWE-401', line: 4, severity: 'high' }),
    );
    expect(leak.security.verdict).toBe('vulnerable');
    expect(held.security.findings.filter((f: { tool: string }) => f.tool === 'lsan')).toEqual([]);

    // What GCC's UBSan does not see (integer-checks.ts in the sanitizer build), and the functional
    // build's definite uninitialised read; the tests themselves run the program as written.
    const narrow = [
      '#include <stdio.h>',
      'int main(void) {',
      '  long long a = 0, b = 0;',
      '  int unset;',
      '  scanf("%lld %lld", &a, &b);',
      '  short s = (short)(a + b);',
      '  volatile int seen = unset + s;',
      '  printf("%lld\\n", a + b);',
      '  return 0;',
      '}',
    ].join('\n');
    const n = await admin.result(await admin.submit(sumSlug, 'c', narrow));
    expect(n.verdict).toBe('AC');
    expect(n.security.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          tool: 'int-check',
          cwe: 'CWE-197',
          line: 6,
          severity: 'high',
          evidence: { kind: 'run', test: 'attack/big' },
        }),
        expect.objectContaining({
          ruleId: 'gcc.uninitialized', // with gcc -fanalyzer's own report of it, as one finding
          cwe: 'CWE-457',
          line: 7,
          severity: 'high',
        }),
      ]),
    );

    // Java's run-time checks: an index from input out of bounds on the attack test.
    const indexed = [
      'import java.util.Scanner;',
      'public class Main {',
      '  public static void main(String[] args) {',
      '    Scanner in = new Scanner(System.in);',
      '    long a = in.nextLong(), b = in.nextLong();',
      '    long[] seen = new long[10];',
      '    seen[(int) (a % 1000)] = b;',
      '    System.out.println(a + b);',
      '  }',
      '}',
    ].join('\n');
    const j = await admin.result(await admin.submit(sumSlug, 'java', indexed));
    expect(j.verdict).toBe('AC'); // the attack test is security's, not the verdict's
    expect(j.security.findings).toContainEqual(
      expect.objectContaining({
        tool: expect.stringMatching(/jvm/), // the dataflow's static report of the same index joins it
        ruleId: 'jvm.ArrayIndexOutOfBoundsException',
        cwe: 'CWE-129',
        line: 7,
        severity: 'high',
        message: 'array index out of bounds on test attack/big',
        evidence: { kind: 'run', test: 'attack/big' },
      }),
    );
    expect(JSON.stringify(j.security.findings)).not.toContain('647'); // the exception's message held the input
  });

  it('starts the tests from /box as the judge left it, whatever the sanitizer replays wrote there', async () => {
    const slugFresh = `fresh-${Date.now().toString(36)}`;
    const files = { 'problem.yaml': 'name: Fresh\n', 'data/sample/1.in': '1\n', 'data/sample/1.ans': 'clean\n' };
    expect((await admin.importProblem(files, slugFresh)).status).toBe(201);
    // The replay of sample 1 runs first and leaves a file; the one test must not find it.
    const source = [
      '#include <stdio.h>',
      '#include <unistd.h>',
      'int main(void) {',
      '  puts(access("/box/was-here", F_OK) == 0 ? "dirty" : "clean");',
      '  FILE *f = fopen("/box/was-here", "w");',
      '  if (f) fclose(f);',
      '  return 0;',
      '}',
    ].join('\n');
    const r = await admin.result(await admin.submit(slugFresh, 'c', source));
    expect(r.tests.map((t: any) => `${t.name}: ${t.verdict}`)).toEqual(['sample/1: AC']);
  });

  it('reports an overflow that wrecked the stack once, saying why it has no line', async () => {
    const wreck = `wreck-${Date.now().toString(36)}`;
    const files = {
      'problem.yaml': 'name: Greeting\n',
      'data/sample/1.in': 'Ada\n',
      'data/sample/1.ans': 'Hello, Ada!\n',
      'data/attack/huge.in': `${'A'.repeat(400)}\n`,
    };
    expect((await admin.importProblem(files, wreck)).status).toBe(201);
    const scanf = [
      '#include <stdio.h>',
      'int main(void) {',
      '  char name[16];',
      '  scanf("%s", name);',
      '  printf("Hello, %s!\\n", name);',
      '  return 0;',
      '}',
      '',
    ].join('\n');
    const r = await admin.result(await admin.submit(wreck, 'c', scanf));
    // ASan's report and the stack protector's abort name the same weakness, neither with a line.
    const overflow = r.security.findings.filter((f: any) => f.cwe === 'CWE-121');
    expect(overflow).toEqual([expect.objectContaining({ tool: 'asan+hardened-build', line: 0, severity: 'critical' })]);
    expect(overflow[0].message).toMatch(/on test attack\/huge: the overflow wrecked the stack/);
    // The static checks point at the line.
    expect(r.security.findings).toContainEqual(expect.objectContaining({ cwe: 'CWE-120', line: 4 }));
  });

  it('shows what proved a finding: the lines of a dataflow, in the API and as a SARIF code flow', async () => {
    const copy = [
      '#include <stdio.h>',
      '#include <string.h>',
      'int main(void) {',
      '  char in[64], name[64];',
      '  if (!fgets(in, sizeof in, stdin)) return 1;',
      '  in[strcspn(in, "\\n")] = 0;',
      '  strcpy(name, in);',
      '  printf("Hello, %s!\\n", name);',
      '  return 0;',
      '}',
      '',
    ].join('\n');
    const id = await admin.submit(slug, 'c', copy);
    const r = await admin.result(id);
    expect(r.verdict).toBe('AC');
    const path = {
      kind: 'dataflow',
      steps: [
        { line: 5, what: 'input' },
        { line: 7, what: 'sink' },
      ],
    };
    const flow = r.security.findings.find((f: any) => f.tool.split('+').includes('dataflow') && f.line === 7);
    expect(flow).toMatchObject({ cwe: 'CWE-120', severity: 'high', evidence: path });
    const sarif = (await admin.request('GET', `/submissions/${id}/sarif`)).body;
    const result = sarif.runs[0].results.find((x: any) => x.properties.tools.includes('dataflow'));
    expect(result.properties.evidence).toEqual(path);
    expect(
      result.codeFlows[0].threadFlows[0].locations.map((l: any) => l.location.physicalLocation.region.startLine),
    ).toEqual([5, 7]);
  });

  it('exports findings as SARIF 2.1.0 that validates against the schema', async () => {
    const id = await admin.submit(slug, 'c', ECHO_GETS);
    await admin.result(id);
    const r = await fetch(`${system.baseUrl}/api/v1/submissions/${id}/sarif`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/sarif\+json/);
    const log = (await r.json()) as any;
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.some((x: any) => x.locations[0].physicalLocation.region.startLine === 4)).toBe(true);
    // a run's evidence rides in the result's properties
    expect(log.runs[0].results).toContainEqual(
      expect.objectContaining({
        properties: expect.objectContaining({ evidence: { kind: 'run', test: expect.stringMatching(/^attack\//) } }),
      }),
    );
  });
});

// The runtime of this run: the suite runs under both (jest.config.js, RUNTIME_MATRIX).
const RUNTIMES = [sandboxRuntime()];
describe.each(RUNTIMES)('security checks on an idle worker (%s): a spare sandbox takes a share', (runtime) => {
  let system: RunningSystem;
  let admin: ApiClient;
  const slug = `hello-spare-${runtime}-${Date.now().toString(36)}`;

  /** A sample of this system's worker from /metrics (the heartbeat reports every few seconds). */
  const metric = async (name: string, labels = ''): Promise<number> => {
    const text = await (await fetch(`${system.baseUrl}/metrics`)).text();
    const worker = `worker="${system.env.BASTION_WORKER_ID}"`;
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(worker) && l.includes(labels));
    return line ? Number(line.split(' ').pop()) : NaN;
  };

  beforeAll(async () => {
    // Three warm containers per image: one for the submission, one to lend, one for the next.
    system = await startSystem({ BASTION_POOL_SIZE: '3', BASTION_SANDBOX_RUNTIME: runtime });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    const r = await admin.importProblem(GREETING, slug);
    expect(r.status).toBe(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('finds the same weaknesses as in one sandbox, keeps safe code secure, and counts the loan', async () => {
    await until('3 warm C sandboxes', async () => (await metric('bastion_pool_containers', 'image="c"')) === 3);
    // loans so far (none on a fresh worker; the Python test's when it ran first)
    const lent = await metric('bastion_spare_sandboxes_total');
    expect(lent).toBeGreaterThanOrEqual(0);

    const unsafe = await admin.result(await admin.submit(slug, 'c', ECHO_GETS));
    expect(unsafe).toMatchObject({ verdict: 'AC', accepted: false });
    expect(unsafe.security.verdict).toBe('vulnerable');
    const tools = new Set(unsafe.security.findings.flatMap((f: any) => f.tool.split('+')));
    // gcc -fanalyzer and ASan ran in the spare sandbox; ast-grep, flawfinder and the hardened build
    // (the tests) in the submission's own.
    for (const tool of ['ast-grep', 'flawfinder', 'asan', 'hardened-build']) expect(tools).toContain(tool);
    expect(unsafe.security.findings).toContainEqual(
      expect.objectContaining({ line: 4, severity: 'critical', tool: expect.stringMatching(/flawfinder/) }),
    );
    // One C submission on a quiet worker with a core to spare borrows one sandbox (2 cores here).
    const expected = availableParallelism() >= 2 ? 1 : 0;
    await until(
      'the loan in /metrics',
      async () => (await metric('bastion_spare_sandboxes_total')) === lent + expected,
      20_000,
    );

    // Once the pool is full again, a safe solution on the same path keeps full marks.
    await until('3 warm C sandboxes', async () => (await metric('bastion_pool_containers', 'image="c"')) === 3);
    const safe = await admin.result(await admin.submit(slug, 'c', ECHO_SAFE));
    expect(safe).toMatchObject({ verdict: 'AC', accepted: true, score: 100 });
    expect(safe.security.verdict).toBe('secure');
    await until(
      'the second loan in /metrics',
      async () => (await metric('bastion_spare_sandboxes_total')) === lent + 2 * expected,
      20_000,
    );
  });

  it("moves Python's analyzers there whole, and the tests still run in the submission's own", async () => {
    await until(
      '3 warm Python sandboxes',
      async () => (await metric('bastion_pool_containers', 'image="python"')) === 3,
    );
    const lent = await metric('bastion_spare_sandboxes_total');
    const py = await admin.result(
      await admin.submit(
        slug,
        'python',
        ['import os', 'name = input()', 'os.system("true")', 'print(eval(f"\'Hello, {name}!\'"))', ''].join('\n'),
      ),
    );
    expect(py.verdict).toBe('AC');
    expect(py.security.verdict).toBe('vulnerable');
    const tools = new Set(py.security.findings.flatMap((f: any) => f.tool.split('+')));
    expect(tools).toContain('ast-grep');
    expect(tools).toContain('bandit');
    expect(py.security.findings).toContainEqual(expect.objectContaining({ cwe: 'CWE-95', line: 4 }));
    expect(py.security.findings).toContainEqual(expect.objectContaining({ cwe: 'CWE-78', line: 3 }));
    const expected = availableParallelism() >= 2 ? 1 : 0;
    await until(
      'the Python loan in /metrics',
      async () => (await metric('bastion_spare_sandboxes_total')) === lent + expected,
      20_000,
    );
  });
});
