import { LanguageId, LANGUAGES } from '@bastion/contracts';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';
import { SUM_AC, SUM_WRONG } from './programs/sum';
import { KERNEL_SURFACE_C } from './programs/hostile';

jest.setTimeout(300_000);

const MEMORY_BOMB_C =
  '#include <stdlib.h>\n#include <string.h>\nint main(void){for(;;){char*p=malloc(16<<20);if(!p)return 1;memset(p,1,16<<20);}}\n';
/** 3 GiB committed in one system call, before the runner looks again: the OOM killer ends the Sentry. */
const POPULATE_BOMB_C =
  '#include <sys/mman.h>\nint main(void){void*p=mmap(0,3UL<<30,PROT_READ|PROT_WRITE,' +
  'MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE,-1,0);return p==MAP_FAILED;}\n';

/**
 * The whole pipeline with every sandbox under gVisor (BASTION_SANDBOX_RUNTIME=runsc, registered by
 * scripts/services.sh): the same verdicts as under runc. gVisor cannot lower a running container's
 * memory limit, so there MLE comes from the runner's peak-RSS check; its CPU times are scaled by
 * the runtime's time factor (3 by default).
 */
describe('judging under gVisor (runsc), end to end', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  const slug = `gvisor-${Date.now().toString(36)}`;
  const escapeSlug = `${slug}-escape`;

  beforeAll(async () => {
    system = await startSystem({ BASTION_SANDBOX_RUNTIME: 'runsc' });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    expect((await admin.importProblem(sumProblem(), slug)).status).toBe(201);
    // answer `contained`: a probe is AC when nothing it tried got through
    const escape = {
      'problem.yaml': 'name: gVisor escape\nlimits:\n  time_limit: 3\n  memory: 256\n',
      'data/secret/1.in': 'probe\n',
      'data/secret/1.ans': 'contained\n',
    };
    expect((await admin.importProblem(escape, escapeSlug)).status).toBe(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const cases: [string, string, string, string][] = [
    ...Object.entries(SUM_AC).map(([lang, src]) => [lang, 'AC', 'A+B', src] as [string, string, string, string]),
    ['c', 'WA', 'a-b', SUM_WRONG.c.WA],
    ['cpp', 'RE', 'null write', SUM_WRONG.cpp.RE],
    ['javascript', 'TLE', 'endless loop', SUM_WRONG.javascript.TLE],
    ['python', 'CE', 'syntax error', SUM_WRONG.python.CE],
    ['c', 'MLE', 'malloc bomb', MEMORY_BOMB_C],
    ['c', 'MLE', 'MAP_POPULATE bomb that takes the sandbox down', POPULATE_BOMB_C],
    [
      'c',
      'CE',
      'a compiler reading /dev/zero takes the sandbox down',
      '#include "/dev/zero"\nint main(void){return 0;}\n',
    ],
  ];

  it("applies Bastion's seccomp profile (runsc --oci-seccomp): io_uring, bpf, keyrings, user namespaces refused", async () => {
    const r = await admin.result(await admin.submit(escapeSlug, 'c', KERNEL_SURFACE_C), 180_000);
    const tests = r.tests.map((t: { verdict: string; message?: string }) => `${t.verdict} ${t.message ?? ''}`.trim());
    expect({ status: r.status, verdict: r.verdict, tests }).toEqual({ status: 'done', verdict: 'AC', tests: ['AC'] });
  });

  it.each(cases)('judges %s as %s (%s)', async (language, verdict, _what, source) => {
    const r = await admin.result(await admin.submit(slug, language, source), 180_000);
    expect({ language, status: r.status, verdict: r.verdict }).toEqual({ language, status: 'done', verdict });
    // Times come back in the problem's terms (the runtime's time factor taken out): an accepted
    // test ran within the limit, a timed-out one reached it.
    const limitMs = 1000 * LANGUAGES[language as LanguageId].timeFactor;
    for (const t of r.tests) {
      if (t.verdict === 'AC') expect(t.timeMs).toBeLessThanOrEqual(limitMs);
      // ... and was stopped there: in the problem's terms, not the runtime's (3 × the limit when the
      // factor is not taken out of the reported time)
      if (t.verdict === 'TLE') expect(t.timeMs).toBeGreaterThanOrEqual(limitMs);
      if (t.verdict === 'TLE') expect(t.timeMs).toBeLessThan(1.5 * limitMs);
    }
  });
});
