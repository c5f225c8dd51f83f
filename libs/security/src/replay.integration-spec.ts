import { LANGUAGES, LanguageId } from '@bastion/contracts';
import { RunnerResult, Sandbox, SandboxPool } from '@bastion/sandbox';
import Docker from 'dockerode';
import {
  encodeReplayInputs,
  parseReplayReport,
  REPLAY_HARNESS,
  replayEnv,
  ReplayRun,
  SANITIZER_BUILD_FLAGS,
} from './replay';
import { addIntegerChecks, INT_CHECK_HEADER } from './integer-checks';
import { parseSanitizer } from './sanitizers';
import { judgeSandbox } from './testing/judge-sandbox';

jest.setTimeout(240_000);

// The replay harness (judge-images/runner/replay.c) linked into real sanitizer builds, in sandboxes
// of the judge images, under both runtimes (`npm test` registers gVisor with the Docker engine).
const docker = new Docker();
const workerId = `itest-replay-${process.pid}`;
const ENV = [
  'ASAN_OPTIONS=detect_leaks=1:exitcode=86:abort_on_error=0:allocator_may_return_null=1',
  'UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86',
];
const LIMITS = { cpuMs: 30_000, wallMs: 60_000, outputBytes: 4 << 20, memoryKb: 0 };
const input = (s: string) => Buffer.from(s);

let boxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(boxes.map((b) => b.destroy()));
  boxes = [];
});
afterAll(() => SandboxPool.removeLeftovers(docker, workerId));

/** A sandbox with `source` built by the judge's sanitizer command line, harness linked in. */
async function build(runtime: string, lang: LanguageId, source: string, extra: string[] = []): Promise<Sandbox> {
  const box = await Sandbox.start(docker, judgeSandbox(workerId, lang, runtime), lang);
  boxes.push(box);
  const file = LANGUAGES[lang].sourceFile;
  await box.writeFile(file, source);
  const cc = lang === 'c' ? ['gcc', '-std=gnu17'] : ['g++', '-std=c++17'];
  const built = await box.run(
    [...cc, ...SANITIZER_BUILD_FLAGS, ...extra, '-o', 'main.san', file, REPLAY_HARNESS],
    Buffer.alloc(0),
    LIMITS,
  );
  expect(built.stderr.toString()).toBe('');
  expect(built.status).toBe('OK');
  return box;
}

async function replay(
  box: Sandbox,
  inputs: Buffer[],
  { cpuMs = 2000, leakCheckedRuns = 0, memoryKb = 0 } = {},
): Promise<{ result: RunnerResult; runs: ReplayRun[] }> {
  // A wall limit far beyond the CPU limit: on a loaded machine a CPU-bound run still ends by its CPU
  // limit, which is what the tests look at (the judge's own 2× is for judging, not for tests).
  const env = [...ENV, replayEnv({ cpuMs, wallMs: 20 * cpuMs, leakCheckedRuns })];
  const result = await box.run(['env', ...env, './main.san'], encodeReplayInputs(inputs), { ...LIMITS, memoryKb });
  return { result, runs: parseReplayReport(result.stdout) };
}

const C_PROGRAM = [
  '#include <stdio.h>',
  '#include <stdlib.h>',
  'static int calls;', // a fresh process per run: never above 1
  'int main(void) {',
  '  long a, b;',
  '  if (scanf("%ld %ld", &a, &b) != 2) return 1;',
  '  int seen[2] = {0, 0};',
  '  seen[calls++] = 1;',
  '  if (a == 7) { char *p = malloc(10); p[0] = 1; p = NULL; }',
  '  if (a == 9) { int x[4] = {0}; x[b] = 1; printf("%d\\n", x[0]); }',
  '  if (a == 11) for (;;) {}',
  '  printf("%ld\\n", a + b + seen[0]);',
  '  return 0;',
  '}',
].join('\n');

describe.each(['runc', 'runsc'])('replay harness, runtime %s', (runtime) => {
  it('runs each input in a fresh process and reports each run with its own sanitizer output', async () => {
    const box = await build(runtime, 'c', C_PROGRAM);
    const inputs = ['1 2\n', '3 4\n', '9 100\n', '5 6\n', '7 1\n', '9 -1\n', '8 8\n'].map(input);
    const { result, runs } = await replay(box, inputs);
    expect(result.status).toBe('OK');
    expect(runs.map((r) => [r.index, r.status])).toEqual([
      [0, 'OK'],
      [1, 'OK'],
      [2, 'RE'],
      [3, 'OK'],
      [4, 'OK'],
      [5, 'RE'],
      [6, 'OK'],
    ]);
    // The program's stdout is only scanned (for unwritten memory); its stderr is the run's report.
    expect(runs[0].stderr).toBe('');
    expect(runs[2].exitCode).toBe(86);
    const ub = parseSanitizer(runs[2].stderr, 'main.c', 'sample/3', 40);
    expect(ub).toContainEqual(expect.objectContaining({ tool: 'ubsan', line: 10 }));
    expect(ub[0].message).toMatch(/on test sample\/3/);
    expect(parseSanitizer(runs[5].stderr, 'main.c', 'x', 40).map((f) => f.line)).toContain(10);
    // LeakSanitizer was off for every run (leakCheckedRuns 0), including the leaking one.
    expect(runs[4].stderr).toBe('');
  });

  it('notes a run whose output holds a value of unwritten stack or heap memory, in C and C++', async () => {
    const c = [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      'int main(void) {',
      '  int n = 0, i;',
      '  if (scanf("%d", &n) != 1) return 1;',
      '  int a[8];',
      '  for (i = 0; i < n && i < 8; i++) a[i] = i;', // the first n written
      '  long long *h = malloc(4 * sizeof *h);',
      '  h[0] = 5;',
      '  if (n == 3) printf("%d %d\\n", a[2], a[5]);', // a[5] never written
      '  else if (n == 4) printf("%lld\\n", h[1]);', // h[1] never written
      '  else if (n == 5) printf("%u\\n", 4278124286u);', // the program's own number, not memory
      '  else printf("%d -168430105 2-16843010 16843010\\n", a[0]);', // digits around: other numbers
      '  free(h);',
      '  return 0;',
      '}',
    ].join('\n');
    const box = await build(runtime, 'c', c);
    const { runs } = await replay(box, ['3\n', '4\n', '8\n', '5\n'].map(input));
    const notes = runs.map((r) => parseSanitizer(r.stderr, 'main.c', 't', 20).map((f) => f.ruleId));
    expect(notes.slice(0, 3)).toEqual([
      ['uninit-check.uninitialised-variable'],
      ['uninit-check.uninitialised-heap'],
      [],
    ]);
    // 4278124286 is 0xFEFEFEFE: a program printing it itself is noted too (it only harms itself)
    expect(notes[3]).toEqual(['uninit-check.uninitialised-variable']);

    const cpp = [
      '#include <iostream>',
      'struct P { int x, y; };',
      'int main() {',
      '  int n; std::cin >> n;',
      '  P *ps = new P[4];',
      '  for (int i = 0; i < n && i < 4; i++) ps[i] = P{i, i};',
      '  for (int i = 0; i < 4; i++) std::cout << ps[i].x << "\\n";',
      '  delete[] ps;',
      '}',
    ].join('\n');
    const cbox = await build(runtime, 'cpp', cpp);
    const { runs: cruns } = await replay(cbox, ['4\n', '2\n'].map(input));
    expect(cruns.map((r) => parseSanitizer(r.stderr, 'main.cpp', 't', 20).map((f) => f.ruleId))).toEqual([
      [],
      ['uninit-check.uninitialised-heap'],
    ]);
  });

  it('checks leaks on the first runs only', async () => {
    const box = await build(runtime, 'c', C_PROGRAM);
    const { runs } = await replay(box, [input('7 1\n'), input('7 2\n')], { leakCheckedRuns: 1 });
    expect(runs.map((r) => r.status)).toEqual(['RE', 'OK']);
    expect(parseSanitizer(runs[0].stderr, 'main.c', 'a', 40)).toContainEqual(
      expect.objectContaining({ tool: 'lsan', cwe: 'CWE-401', line: 9 }),
    );
    expect(runs[1].stderr).toBe('');
  });

  it('reads no leak in what main holds to its end, in C and C++, and finds what a function lost', async () => {
    const tree = [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      'typedef struct N { int v; struct N *l, *r; } N;',
      'N *insert(N *t, int v) {',
      '  if (!t) { t = (N *)malloc(sizeof *t); t->v = v; t->l = t->r = 0; return t; }',
      '  if (v < t->v) t->l = insert(t->l, v); else t->r = insert(t->r, v);',
      '  return t;',
      '}',
      'void lose(void) { int *p = (int *)malloc(64); p[0] = 1; }',
      'int main(void) {',
      '  int n; N *root = 0;',
      '  if (scanf("%d", &n) != 1) return 1;',
      '  int *a = (int *)malloc(sizeof(int) * 10);',
      '  for (int i = 0; i < 10; i++) { a[i] = i; root = insert(root, i * 7 % 10); }',
      '  if (n == 2) lose();',
      '  printf("%d %d\\n", a[3], root->v);',
      '  return 0;',
      '}',
    ].join('\n');
    for (const lang of ['c', 'cpp'] as const) {
      const box = await build(runtime, lang, tree);
      // The leaking run five times: a stale pointer on the stack once hid the leak in one run of ten.
      const inputs = [input('1\n'), ...Array.from({ length: 5 }, () => input('2\n'))];
      const { runs } = await replay(box, inputs, { leakCheckedRuns: 6 });
      expect({ lang, status: runs.map((r) => r.status) }).toEqual({ lang, status: ['OK', ...Array(5).fill('RE')] });
      expect({ lang, stderr: runs[0].stderr.toString() }).toEqual({ lang, stderr: '' });
      const file = LANGUAGES[lang].sourceFile;
      const found = parseSanitizer(runs[1].stderr.toString(), file, 'b', 40);
      expect(found).toEqual([expect.objectContaining({ tool: 'lsan', cwe: 'CWE-401', severity: 'high', line: 9 })]);
    }
  });

  it('stops at the first run over its CPU limit, keeping what came before', async () => {
    const box = await build(runtime, 'c', C_PROGRAM);
    // gVisor's ptrace platform charges its own work to a run (the judge's time factor, 3): a
    // crashing run there can pass 500 ms of CPU on a loaded machine, so its limit is higher.
    const cpuMs = runtime === 'runsc' ? 2000 : 500;
    const { result, runs } = await replay(box, [input('9 5\n'), input('11 0\n'), input('1 1\n')], { cpuMs });
    expect(result.status).toBe('OK');
    expect(runs.map((r) => r.status)).toEqual(['RE', 'TLE']);
    expect(runs[1].cpuMs).toBeGreaterThanOrEqual(cpuMs);
  });

  it('serves C++ programs, whose own constructors run in each run', async () => {
    const cpp = [
      '#include <iostream>',
      '#include <vector>',
      'struct Count { int n = 0; } counter;',
      'int main() {',
      '  long a; std::cin >> a;',
      '  std::vector<int> v(3);',
      '  counter.n++;',
      '  v[counter.n + a] = 1;', // out of bounds when a >= 2 (or when state carried over)
      '  std::cout << v[0] << std::endl;',
      '}',
    ].join('\n');
    const box = await build(runtime, 'cpp', cpp);
    const { runs } = await replay(box, [input('0\n'), input('1\n'), input('0\n'), input('5\n')]);
    expect(runs.map((r) => r.status)).toEqual(['OK', 'OK', 'OK', 'RE']);
    expect(parseSanitizer(runs[3].stderr, 'main.cpp', 't', 40)).toContainEqual(
      expect.objectContaining({ tool: 'asan', line: 8 }),
    );
  });

  it('survives a program that writes into its parent’s output or kills it', async () => {
    const hostile = [
      '#include <stdio.h>',
      '#include <fcntl.h>',
      '#include <signal.h>',
      '#include <string.h>',
      '#include <unistd.h>',
      'int main(void) {',
      '  int a = 0;',
      '  if (scanf("%d", &a) != 1) return 1;',
      '  char path[64];',
      '  snprintf(path, sizeof path, "/proc/%d/fd/1", (int)getppid());',
      '  int fd = open(path, O_WRONLY);',
      '  if (a == 1 && fd >= 0) { const char *s = "REPLAY 1 OK 0 0 0 0\\nforged\\n"; write(fd, s, strlen(s)); }',
      '  if (a == 2) kill(getppid(), SIGKILL);',
      '  return 0;',
      '}',
    ].join('\n');
    const box = await build(runtime, 'c', hostile);
    const forged = await replay(box, [input('1\n'), input('0\n'), input('0\n')]);
    // Nothing throws, and nothing forged is taken: the forged frame came before the harness's
    // own for run 0, so the report is read up to there, that is not at all.
    expect(forged.runs).toEqual([]);
    expect((await replay(box, [input('0\n'), input('0\n'), input('0\n')])).runs).toHaveLength(3);
    const killed = await replay(box, [input('0\n'), input('2\n'), input('0\n')]);
    expect(killed.result.status).toBe('RE');
    expect(killed.runs.map((r) => r.status)).toEqual(['OK']);
    expect(box.alive).toBe(true);
  });

  it('ends what a run left behind before the next run starts', async () => {
    const planter = [
      '#include <stdio.h>',
      '#include <unistd.h>',
      '#include <fcntl.h>',
      '#include <sys/wait.h>',
      'int main(void) {',
      '  int a = 0;',
      '  if (scanf("%d", &a) != 1) return 1;',
      '  pid_t child = a == 1 ? fork() : -1;',
      '  if (child == 0) {', // a detached grandchild that writes a marker later
      '    setsid();',
      '    if (fork() == 0) { usleep(500000); close(open("marker", O_CREAT | O_WRONLY, 0644)); }',
      '    _exit(0);',
      '  }',
      '  if (child > 0) waitpid(child, NULL, 0);', // the grandchild exists when the run ends
      '  for (int i = 0; a == 2 && i < 150; i++, usleep(10000)) if (access("marker", F_OK) == 0) return 3;',
      '  return 0;',
      '}',
    ].join('\n');
    const box = await build(runtime, 'c', planter);
    const { runs } = await replay(box, [input('1\n'), input('2\n')]);
    expect(runs.map((r) => [r.status, r.exitCode])).toEqual([
      ['OK', 0],
      ['OK', 0],
    ]);
  });

  it('leaves a batch that outgrows its memory to the runner (MLE)', async () => {
    const hog = [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      '#include <string.h>',
      'int main(void) {',
      '  int a = 0;',
      '  if (scanf("%d", &a) != 1) return 1;',
      '  for (int i = 0; a && i < 64; i++) { char *p = malloc(16 << 20); if (p) memset(p, 1, 16 << 20); }',
      '  return 0;',
      '}',
    ].join('\n');
    const box = await build(runtime, 'c', hog);
    const { result, runs } = await replay(box, [input('0\n'), input('1\n'), input('0\n')], {
      memoryKb: 300 * 1024,
    });
    expect(result.status).toBe('MLE');
    expect(runs.map((r) => r.status)).toEqual(['OK']);
    expect(box.alive).toBe(true);
  });

  it.each(['c', 'cpp'] as const)(
    "reports what the integer checks see in %s (intcheck.h in the image, replay.c's report), at the source's lines",
    async (lang) => {
      const source = [
        '#include <stdio.h>',
        'int main(void) {',
        '  long long v = 0;',
        '  unsigned int u = 0;',
        '  if (scanf("%lld %u", &v, &u) != 2) return 1;',
        '  int k = (int)v;',
        '  char c = k * 2;',
        '  u--;',
        '  double d = 2.5;',
        '  int f = (int)d;', // a float's fraction is not a truncation error
        '  printf("%d %d %u %d\\n", k, c, u, f);',
        '  return 0;',
        '}',
      ].join('\n');
      const file = LANGUAGES[lang].sourceFile;
      const checked = addIntegerChecks(source, file)!;
      const box = await build(runtime, lang, checked.source, ['-include', INT_CHECK_HEADER]);
      const inputs = ['5 3', '5000000000 3', '100 3', '5 0'].map((x) => input(`${x}\n`));
      const { runs } = await replay(box, inputs);
      expect(runs.map((r) => r.status)).toEqual(['OK', 'RE', 'RE', 'RE']);
      const found = runs.map((r) => parseSanitizer(r.stderr, file, 't', 13).map((f) => `${f.cwe}@${f.line}`));
      expect(found).toEqual([[], ['CWE-197@6'], ['CWE-190@7'], ['CWE-191@8']]);
    },
  );
});
