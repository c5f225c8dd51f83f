import { Inject, Injectable, Logger } from '@nestjs/common';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { LanguageDef, LanguageId, LANGUAGES } from '@bastion/contracts';
import type { SubmissionEntity } from '@bastion/db';
import {
  addIntegerChecks,
  analyze,
  AnalyzeOptions,
  analyzersFor,
  bannedApiFindings,
  dedupe,
  DEFAULT_ANALYZER_LIMITS,
  Finding,
  encodeReplayInputs,
  INT_CHECK_HEADER,
  parseReplayReport,
  parseSanitizer,
  REPLAY_HARNESS,
  SANITIZER_BUILD_FLAGS,
  REPLAY_REPORT_BYTES,
  replayBatches,
  replayEnv,
  SecurityPolicy,
} from '@bastion/security';
import { RunLimits, RunnerResult, Sandbox, SandboxTakenDown } from '@bastion/sandbox';
import { PoolService } from '../sandbox/pool.service';
import { compileCommand, stepMemoryKb } from './compile';

/** What the sanitizer replays read: the tests' inputs and the problem's limits. */
export interface SecurityInputs {
  tests: { name: string; input: Buffer }[];
  timeLimitMs: number;
  memoryLimitMb: number;
}

/** At most this many inputs are replayed under the sanitizers (attack tests first). */
export const SANITIZED_RUNS = 20;
/**
 * LeakSanitizer's exit-time scan costs more than the rest of a replay (measured in the replay
 * harness on a small program: ~45 ms with it, ~5 ms without), and a leak shows on nearly every
 * input: it runs on the first replay only (an attack test when the problem has one).
 */
export const LEAK_CHECKED_RUNS = 1;
/**
 * The limits of one sanitizer replay; one over them ends the replays (the rest would be as slow or
 * as hungry, and a looping program must not hold the worker for 20 of them).
 * - CPU: the sanitizers slow a program down about 2-3 times, so 4 × the time limit (at least 1 s,
 *   at most 10 s), times the runtime's factor.
 * - Memory: shadow memory, redzones and the free quarantine about double a program's footprint, so
 *   twice its allowance plus 64 MiB; never more than the container holds during the analysis (its
 *   compile-time ceiling less room for the runner and the files). Under gVisor the runner's check
 *   is all that stands between a memory-hungry replay and an out-of-memory kill of the whole
 *   sandbox, which would fail the submission with an internal error.
 */
export function replayLimits(
  p: Pick<SecurityInputs, 'timeLimitMs' | 'memoryLimitMb'>,
  lang: Pick<LanguageDef, 'memoryExtraMb'>,
  config: BastionConfig,
): RunLimits {
  const cpuMs = Math.min(10_000, Math.max(1_000, 4 * p.timeLimitMs)) * config.sandbox.timeFactor;
  const memoryKb = Math.min((2 * (p.memoryLimitMb + lang.memoryExtraMb) + 64) * 1024, stepMemoryKb(config));
  return { cpuMs, wallMs: 2 * cpuMs, outputBytes: 1024 * 1024, memoryKb };
}
/**
 * allocator_may_return_null=0: an allocation ASan refuses (a size past what any program may ask,
 * such as -1 read into a size_t) is reported as CWE-789 where it happens, instead of a NULL the
 * program may check and quietly exit on: the input did control the size. handle_abort=1: an abort
 * comes with ASan's stack, which places C++'s refusal of a bad `new T[n]` (parseSanitizer).
 */
const sanitizerEnv = (leaks: boolean) => [
  `ASAN_OPTIONS=detect_leaks=${leaks ? 1 : 0}:exitcode=86:abort_on_error=0:allocator_may_return_null=0:handle_abort=1:quarantine_size_mb=64`,
  'UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86',
];

/**
 * What a spare sandbox takes over when the worker lends one (besides the C/C++ sanitizer checks),
 * chosen so that both sandboxes finish at about the same time: in the functional sandbox the
 * analyzers run between compiling and the tests, so each adds its whole time to the verdict; beside
 * it, only what outlasts the tests does. Measured in the C image on Juliet-sized programs (50–160
 * lines, 2 cores): `gcc -fanalyzer` 90–180 ms, flawfinder 65–110 ms, ast-grep 35–45 ms, the
 * sanitizer build 150–250 ms. With both slow analyzers beside the tests, the spare sandbox still
 * finished a median 265 ms after them (54 C submissions, benchmark problem), so C moves only
 * `-fanalyzer`; C++ moves nothing (its sanitizer build alone outlasts the tests by ~600 ms).
 * Python's analyzers (~160 ms) move whole: its ten tests alone take longer. Java's ast-grep run
 * (~25 ms) is not worth a container.
 */
const SPARE_ANALYZERS: Record<LanguageId, string[]> = {
  c: ['gcc-analyzer'],
  cpp: [],
  python: ['ast-grep', 'bandit', 'bastion-taint'],
  java: [],
  javascript: [],
  go: [],
  rust: [],
};

/**
 * Which security checks a submission gets and where they run:
 * - `functional`: in the functional sandbox, after compiling and before the tests (before any
 *   submitted code has run there, so the source the analyzers read is as submitted);
 * - `own`: in a sandbox of their own, in parallel with the tests;
 * - `none`: nothing needs a sandbox (the banned-API scan reads the source in the worker).
 * A second sandbox is only worth it for JavaScript, whose ESLint run (~0.6 s of CPU) would otherwise
 * hold back the tests. For the rest the second container costs more than the overlap saves: on
 * 2 cores at concurrency 2, one sandbox judged 2.2 secure C and 2.4 Python submissions a second
 * against 1.5–1.7 with two, with the same latency one at a time (README, "Benchmark").
 */
export interface SecurityPlan {
  static: boolean;
  /** C/C++ rebuilt with ASan + UBSan and replayed over the attack tests and the tests. */
  dynamic: boolean;
  sandbox: 'functional' | 'own' | 'none';
  /**
   * With sandbox `functional`, what moves to a spare sandbox beside it when the worker has a core
   * to spare (PoolService.acquireSpare): these analyzers, and the sanitizer checks when `dynamic`;
   * null when nothing worth a container would move.
   */
  spare: string[] | null;
}

export function securityPlan(language: LanguageId, policy: SecurityPolicy): SecurityPlan {
  const dynamic = policy.sanitizers && (language === 'c' || language === 'cpp');
  const sandbox = !policy.static && !dynamic ? 'none' : language === 'javascript' ? 'own' : 'functional';
  const moved = policy.static ? SPARE_ANALYZERS[language] : [];
  const spare = sandbox === 'functional' && (dynamic || moved.length > 0) ? moved : null;
  return { static: policy.static, dynamic, sandbox, spare };
}

/**
 * The security half of judging: static analyzers, the problem's banned APIs, and for C/C++ a
 * rebuild with AddressSanitizer + UndefinedBehaviorSanitizer replayed over the tests and the attack
 * tests. (The functional build of C/C++ is the hardened one: the judge reads its aborts.)
 */
@Injectable()
export class SecurityCheckService {
  private readonly log = new Logger(SecurityCheckService.name);

  constructor(
    private readonly pool: PoolService,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
  ) {}

  /** The problem's banned APIs called in the source: needs no sandbox. */
  banned(sub: SubmissionEntity, policy: SecurityPolicy): Finding[] {
    return bannedApiFindings(sub.source, LANGUAGES[sub.language].sourceFile, policy.bannedApis);
  }

  /**
   * Everything the plan runs, in `box`, where the source is written and no submitted code has run
   * yet (a program could rewrite its own source, plant an analyzer configuration or swap the
   * sanitizer build). Analyzer failures are logged and skipped; a lost sandbox throws. A source
   * that did not compile (`compiles` false) is not compiled again by an analyzer. `spared`: the
   * plan's spare share runs in a spare sandbox (analyzeAside), so it is left out here.
   */
  async analyze(
    box: Sandbox,
    sub: SubmissionEntity,
    policy: SecurityPolicy,
    plan: SecurityPlan,
    inputs: SecurityInputs,
    { compiles = true, spared = false }: { compiles?: boolean; spared?: boolean } = {},
  ): Promise<Finding[]> {
    const lang = LANGUAGES[sub.language];
    const moved = (spared && plan.spare) || [];
    const only = analyzersFor(lang.id, lang.sourceFile)
      .map((a) => a.name)
      .filter((name) => !moved.includes(name));
    const found = plan.static ? await this.runAnalyzers(box, sub, { compiles, only }) : [];
    const sanitized = plan.dynamic && !spared ? await this.sanitize(box, lang, sub.source, inputs) : [];
    return [...dedupe([...found, ...this.banned(sub, policy)]), ...sanitized];
  }

  /**
   * analyze() in a sandbox of its own (plan `own`); null when the analysis itself could not run
   * (the judge's problem; logged).
   */
  async check(
    sub: SubmissionEntity,
    policy: SecurityPolicy,
    plan: SecurityPlan,
    inputs: SecurityInputs,
  ): Promise<Finding[] | null> {
    const lang = LANGUAGES[sub.language];
    let box: Sandbox | undefined;
    try {
      box = await this.pool.acquire(lang.image);
      await box.writeFile(lang.sourceFile, sub.source);
      return await this.analyze(box, sub, policy, plan, inputs);
    } catch (err) {
      this.log.error(`submission ${sub.id}: security analysis failed: ${(err as Error).message}`);
      return null;
    } finally {
      if (box) this.pool.release(box);
    }
  }

  /**
   * The plan's spare share of the analysis in a spare sandbox (PoolService.acquireSpare) beside the
   * functional one: its analyzers, and for C/C++ the sanitizer rebuild with its replays, on the
   * source as submitted. Nothing run here reaches the tests: the caller releases this sandbox
   * afterwards. A lost sandbox throws, as in the functional one.
   */
  async analyzeAside(
    box: Sandbox,
    sub: SubmissionEntity,
    plan: SecurityPlan,
    inputs: SecurityInputs,
  ): Promise<Finding[]> {
    const lang = LANGUAGES[sub.language];
    await box.writeFile(lang.sourceFile, sub.source);
    const only = plan.spare ?? [];
    const found = plan.static && only.length ? await this.runAnalyzers(box, sub, { only }) : [];
    const sanitized = plan.dynamic ? await this.sanitize(box, lang, sub.source, inputs, false) : [];
    return [...found, ...sanitized];
  }

  private runAnalyzers(box: Sandbox, sub: SubmissionEntity, opts: AnalyzeOptions): Promise<Finding[]> {
    const lang = LANGUAGES[sub.language];
    const limits = {
      memoryKb: stepMemoryKb(this.config),
      cpuMs: DEFAULT_ANALYZER_LIMITS.cpuMs * this.config.sandbox.timeFactor,
    };
    const log = (m: string) => this.log.warn(`submission ${sub.id}: ${m}`);
    return analyze(box, lang.id, lang.sourceFile, { ...opts, log, limits });
  }

  /**
   * Rebuilds with ASan+UBSan, linked with the replay harness, and replays the inputs (attack tests
   * first): one harness process per batch starts the sanitizer runtimes once and forks a run per
   * input. One finding per weakness and line.
   */
  private async sanitize(
    box: Sandbox,
    lang: LanguageDef,
    source: string,
    { tests, ...limits }: SecurityInputs,
    testsFollow = true,
  ): Promise<Finding[]> {
    // A report may only name a line the source has (the program prints the report itself).
    const sourceLines = source.split('\n').length;
    const compiler = lang.id === 'c' ? ['gcc', '-std=gnu17'] : ['g++', '-std=c++17'];
    const build = (extra: string[], file: string) =>
      compileCommand(
        box,
        [...compiler, ...SANITIZER_BUILD_FLAGS, ...extra, '-o', 'main.san', file, REPLAY_HARNESS, '-lm'],
        this.config,
      );
    // The copy with the integer checks (integer-checks.ts); when it does not compile (a cast in a
    // constant expression the rewrite could not tell), the source as submitted.
    const checked = addIntegerChecks(source, lang.sourceFile);
    let built: { ok: boolean } = { ok: false };
    if (checked) {
      const file = `checked.${lang.sourceFile}`;
      await box.writeFile(file, checked.source);
      built = await build(['-include', INT_CHECK_HEADER], file);
      if (!built.ok) this.log.debug(`the integer checks' copy did not compile; the sanitizer build is of the source`);
    }
    if (!built.ok) built = await build([], lang.sourceFile);
    if (!built.ok) return []; // the functional build reports the compile error
    const ordered = [
      ...tests.filter((t) => t.name.startsWith('attack/')),
      ...tests.filter((t) => !t.name.startsWith('attack/')),
    ].slice(0, SANITIZED_RUNS);
    const seen = new Set<string>();
    const findings: Finding[] = [];
    const each = replayLimits(limits, lang, this.config);
    let replayed = 0;
    for (const batch of replayBatches(ordered)) {
      const leakCheckedRuns = Math.max(0, LEAK_CHECKED_RUNS - replayed);
      const env = [
        ...sanitizerEnv(leakCheckedRuns > 0),
        replayEnv({ cpuMs: each.cpuMs, wallMs: each.wallMs, leakCheckedRuns }),
      ];
      let r: RunnerResult;
      try {
        r = await box.run(['env', ...env, './main.san'], encodeReplayInputs(batch.map((t) => t.input)), {
          // the runs one after another, and the harness's start and its memory beside each run's
          cpuMs: batch.length * each.cpuMs + HARNESS_CPU_MS * this.config.sandbox.timeFactor,
          wallMs: batch.length * each.wallMs + 2 * HARNESS_CPU_MS * this.config.sandbox.timeFactor,
          outputBytes: batch.length * (REPLAY_REPORT_BYTES + 128),
          memoryKb: Math.min(each.memoryKb + HARNESS_MEMORY_KB, stepMemoryKb(this.config)),
        });
      } catch (err) {
        // A run took the sandbox down (out of memory; under gVisor also a fork bomb or a signal to
        // the runner): the replays end, and the judge starts the tests in a fresh sandbox.
        if (err instanceof SandboxTakenDown) break;
        throw err;
      }
      const runs = parseReplayReport(r.stdout);
      for (const run of runs) {
        const test = batch[run.index];
        for (const f of parseSanitizer(run.stderr, lang.sourceFile, test.name, sourceLines, test.input)) {
          const key = `${f.cwe}:${f.line}`;
          if (!seen.has(key)) findings.push(f);
          seen.add(key);
        }
      }
      replayed += runs.length;
      // One run over its limits ends the replays (the rest would be as slow or as hungry): the
      // harness stops after a TLE or an out-of-memory kill, the runner ends a batch that outgrew
      // its memory. Anything else cutting a batch short is the judge's to look at.
      const over = r.status === 'MLE' || runs.some((x) => x.status === 'TLE' || x.signal === SIGKILL);
      if (runs.length < batch.length && !over)
        this.log.warn(
          `sanitizer replays ended after ${runs.length} of ${batch.length} runs (${r.status}, exit ${r.exitCode}): ${r.stderr.toString('utf8').slice(0, 300)}`,
        );
      if (over || runs.length < batch.length) break;
    }
    if (testsFollow && replayed > 0 && box.alive) await this.undoReplays(box);
    return findings;
  }

  /**
   * The tests start from /box as the judge left it: what the replays created or changed there goes
   * (the harness already ended their processes). A replay is the program's own code, but the tests
   * must not depend on whether a second, slower run of it came first: a process it left behind for
   * a moment, under load, could otherwise have written a file a test then reads.
   */
  private async undoReplays(box: Sandbox): Promise<void> {
    const r = await box.run(
      ['find', '/box', '-mindepth', '1', '-cnewer', '/box/main.san', '-prune', '-exec', 'rm', '-rf', '--', '{}', '+'],
      Buffer.alloc(0),
      { cpuMs: 5000, wallMs: 10_000, outputBytes: 64 * 1024, memoryKb: stepMemoryKb(this.config) },
    );
    if (r.status !== 'OK')
      this.log.warn(
        `could not clear what the replays left in /box (${r.status}): ${r.stderr.toString().slice(0, 200)}`,
      );
  }
}

const SIGKILL = 9;
/** The harness's own start-up (the sanitizer runtimes) on top of its runs' CPU. */
const HARNESS_CPU_MS = 1000;
/** The harness process waiting beside each run, and pages both count (copy-on-write after fork). */
const HARNESS_MEMORY_KB = 32 * 1024;
