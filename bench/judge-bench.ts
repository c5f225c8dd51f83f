/**
 * End-to-end judging benchmark (a benchmark, not a test): the same "A plus B" programs in C and
 * Python, 10 small tests each, judged three ways at concurrency = number of cores, each doing the
 * same work (Bastion's compile command, its run command, all 10 tests, a token-by-token comparison):
 *   bare    – on the host, no sandbox: the physical floor;
 *   naive   – a fresh `docker run --rm --network none <judge image>` for the compile and per test;
 *   bastion – through the HTTP API, from POST /api/v1/submissions to the final verdict (SSE `result`).
 * Each mode also reports CPU per submission by process (dockerd, containerd, shims and runc, kernel
 * workers, API, worker, PostgreSQL, Redis, the sandboxes; judge/cpu.ts), so the cost beyond the
 * judging itself shows. Then the security checks' added latency one submission at a time (default policy vs. security
 * off, interleaved), a smaller Bastion row with the default security policy, and an HTTP load run
 * with autocannon on GET /submissions/:id and POST /submissions at fixed rates (p99 latency).
 *
 * The verdict gate: a mode (or a security-latency language, or the load run) with any submission
 * that is not AC fails; its figures and every ratio made from it are withheld, the results are
 * still written (marked failed) and the process exits 1.
 * Results: bench/results/<date>-<machine>.json (see judge/results.ts), or BENCH_OUT.
 *
 * Usage (needs Docker, the judge images, gcc and python3, and the system up; it signs in as the
 * admin, whom the submission limit does not apply to):
 *   npm run up
 *   npm run bench
 * Environment: BASTION_URL (http://localhost:3000), BASTION_ADMIN_EMAIL / BASTION_ADMIN_PASSWORD
 *   (else read from /etc/bastion/secrets.env), BENCH_SUBMISSIONS (per language per mode, 25),
 *   BENCH_SECURE_SUBMISSIONS (per language, 5; 0 skips everything under the default policy),
 *   BENCH_SECURITY_PAIRS (per language and pattern, = BENCH_SECURE_SUBMISSIONS), BENCH_CONCURRENCY
 *   (cores), BENCH_LOAD=0 skips autocannon, BENCH_ONLY=security measures only the security checks'
 *   added latency, BENCH_SECURITY_GAP_MS (1000) the pause of its "spaced" run, BENCH_OUT (the results
 *   file), BENCH_MACHINE (its machine name), BENCH_NOTE (free text kept in the results, e.g. how the
 *   system was started), BENCH_WRONG_IN=<mode,…> (a self-test: those modes judge one wrong program).
 */
import {
  BASE,
  CONCURRENCY,
  CORES,
  LANGS,
  LOAD,
  N,
  N_PAIRS,
  N_SECURE,
  ONLY_SECURITY,
  SECURITY_GAP_MS,
  TESTS,
  WRONG_IN,
} from './judge/settings';
import { Fatal, ModeResult, loadNow, mode, now } from './judge/stats';
import { bare, exec, naive } from './judge/local';
import { RateLimited, bastion, importProblem, signIn } from './judge/bastion-api';
import { ApiLoadResult, apiLoad } from './judge/api-load';
import { SecurityLatency, measureSecurityLatency } from './judge/security-latency';
import { Ratios, printCpu, printLoad, printModes, printRatios, printSecurity, ratiosOf } from './judge/report';
import { gitState, machineFacts, writeResults } from './judge/results';

async function preflight(): Promise<void> {
  for (const lang of LANGS) {
    const img = `bastion-judge-${lang}:latest`;
    if ((await exec('docker', ['image', 'inspect', img], '')).code !== 0)
      throw new Error(`image ${img} is missing (npm run up builds it)`);
  }
  const health = await fetch(`${BASE}/health`).catch((e: Error) => e);
  if (health instanceof Error || health.status !== 200) {
    throw new Error(
      `${BASE}/health does not answer 200 (${health instanceof Error ? health.message : health.status}); start the system: npm run up`,
    );
  }
  await signIn();
}

async function main(): Promise<number> {
  const started = new Date();
  const t0 = now();
  const kind = ONLY_SECURITY ? 'security' : 'full';
  console.log(
    ONLY_SECURITY
      ? `Bastion benchmark, security checks' added latency only — ${N_PAIRS} pairs per language and pattern`
      : `Bastion end-to-end benchmark — ${CORES} cores, concurrency ${CONCURRENCY}, ${N} submissions per language per mode`,
  );
  console.log(
    `  "A plus B" in C and Python, ${TESTS.length} small tests each; a submission = compile + all tests + compare.`,
  );
  if (WRONG_IN.length)
    console.log(`  BENCH_WRONG_IN=${WRONG_IN.join(',')}: those modes judge a wrong program and must fail`);
  await preflight();
  // what was measured: the tree `npm run up` built, and the machine as the run starts
  const git = gitState();
  const machine = { ...machineFacts(), loadavgAtStart: loadNow() };
  const slug = await importProblem(false);
  const secureSlug = (ONLY_SECURITY ? N_PAIRS : N_SECURE) ? await importProblem(true) : null;
  const notes: string[] = [
    'Other workloads may share this machine: loadavg is recorded per mode; treat the figures as noisy.',
    'bare and naive run Bastion’s own compile and run commands (C: gcc with the hardened flags; Python: py_compile, then python3 -S), all 10 tests, and compare tokens as Bastion’s default checker does.',
    'Not the same: bare and naive enforce no CPU, memory or output limits and measure nothing; Bastion caps each sandbox at BASTION_CONTAINER_CPUS, runs the tests under its runner with the problem’s limits, and stores every result in PostgreSQL.',
    `Bastion rows judge ${slug}, whose bastion.yaml turns static analysis and sanitizers off; bastionSecure and the security-latency run use ${secureSlug ?? '(skipped)'} with the default policy, and its submissions must also be found secure.`,
  ];
  if (process.env.BENCH_NOTE) notes.push(process.env.BENCH_NOTE);

  const modes: Partial<Record<string, ModeResult>> = {};
  let securityLatency: SecurityLatency | null = null;
  let load: ApiLoadResult | null = null;
  let ratios: Ratios | null = null;
  let error: string | null = null;
  if (!ONLY_SECURITY) {
    // one submission first, so a rate limit or a broken system shows before minutes are spent
    const probe = await bastion('bastion', slug, false)('c', -1);
    if (!probe.ok) throw new Error(`a probe submission was judged ${probe.verdict} (${probe.why}), not AC`);
  }
  try {
    if (ONLY_SECURITY) {
      if (secureSlug) securityLatency = await measureSecurityLatency(slug, secureSlug, N_PAIRS);
    } else {
      modes.bare = await mode('bare', 'bare — compiled and run on the host, no sandbox', N, bare('bare'));
      modes.naive = await mode(
        'naive',
        'naive — docker run --rm --network none per compile and per test',
        N,
        naive('naive'),
      );
      modes.bastion = await mode(
        'bastion',
        'bastion — HTTP API, POST → SSE result (security: static off, sanitizers off)',
        N,
        bastion('bastion', slug, false),
        true,
      );
      if (secureSlug && N_PAIRS) securityLatency = await measureSecurityLatency(slug, secureSlug, N_PAIRS);
      if (secureSlug)
        modes.bastionSecure = await mode(
          'bastionSecure',
          'bastion, default security policy (static analysis + ASan/UBSan rebuild for C)',
          N_SECURE,
          bastion('bastionSecure', secureSlug, true),
          true,
        );
      const host = new URL(BASE).hostname;
      if (LOAD && ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) load = await apiLoad(slug);
      else if (LOAD) notes.push(`API load run skipped: ${BASE} is not localhost`);
    }
  } catch (e) {
    if (!(e instanceof Fatal)) throw e;
    error = e.message; // still write what was measured
  }
  if (!ONLY_SECURITY) ratios = ratiosOf(modes);

  if (Object.keys(modes).length) {
    printModes(modes);
    printCpu(modes);
  }
  if (securityLatency) printSecurity(securityLatency);
  if (ratios) printRatios(ratios);
  if (load) printLoad(load);
  for (const n of notes) console.log(`note: ${n}`);

  const failures = [
    ...(error ? [`stopped: ${error}`] : []),
    ...Object.values(modes).flatMap((m) => (m ? m.failures.map((f) => `${m.key}: ${f}`) : [])),
    ...(securityLatency?.failures.map((f) => `security: ${f}`) ?? []),
    ...(load?.failures.map((f) => `apiLoad: ${f}`) ?? []),
  ];
  const out = {
    kind,
    passed: failures.length === 0,
    failures,
    date: started.toISOString().slice(0, 10),
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    durationS: Math.round((now() - t0) / 1000),
    git,
    machine: { ...machine, loadavgAtEnd: loadNow() },
    settings: {
      url: BASE,
      concurrency: CONCURRENCY,
      submissionsPerLanguagePerMode: ONLY_SECURITY ? null : N,
      secureSubmissionsPerLanguage: ONLY_SECURITY ? null : N_SECURE,
      securityPairsPerLanguageAndPattern: N_PAIRS,
      securityGapMs: SECURITY_GAP_MS,
      apiLoad: !ONLY_SECURITY && LOAD,
      tests: TESTS.length,
      languages: LANGS,
      problems: { securityOff: slug, defaultPolicy: secureSlug },
      wrongIn: WRONG_IN,
      wait: 'SSE /submissions/:id/events until `result`',
    },
    ratios,
    modes,
    securityLatency,
    api: load,
    notes,
  };
  const file = writeResults(started, kind, out);
  console.log(`\nwrote ${file} (${out.durationS} s)`);
  if (!out.passed) {
    console.error(`\n✗ benchmark FAILED — ${failures.length} failure(s); no figure from a failed part is reported:`);
    for (const f of failures.slice(0, 20)) console.error(`  ${f}`);
    return 1;
  }
  console.log('✓ every submission of every mode was judged AC');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.error(e instanceof RateLimited ? `\n✗ ${e.message}` : e);
    process.exit(e instanceof RateLimited ? 2 : 1);
  },
);
