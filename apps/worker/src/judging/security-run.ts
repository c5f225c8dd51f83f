import type { LanguageDef } from '@bastion/contracts';
import type { SubmissionEntity } from '@bastion/db';
import type { RunnerResult, Sandbox } from '@bastion/sandbox';
import {
  dedupe,
  Finding,
  foldHardeningAborts,
  parseCompilerWarnings,
  parseHardeningAbort,
  parseJavaException,
  SecurityOutcome,
  securityOutcome,
  SecurityPolicy,
  withEvidence,
} from '@bastion/security';
import type { PoolService } from '../sandbox/pool.service';
import { SecurityCheckService, SecurityInputs, SecurityPlan, securityPlan } from './security-check.service';

/** What a SecurityRun uses of the security checks (SecurityCheckService). */
export type SecurityChecks = Pick<SecurityCheckService, 'banned' | 'check' | 'analyze' | 'analyzeAside'>;
/** What it uses of the pool (PoolService): a spare sandbox, lent only to an idle worker, and its return. */
export type SpareSandboxes = Pick<PoolService, 'acquireSpare' | 'release'>;

/** The spare sandbox's share of the analysis, and whether the sandbox is still held. */
interface Aside {
  box: Sandbox;
  found: Promise<Finding[]>;
  /** Settles when its work is over, never rejects (a failure reaches the outcome through `found`). */
  settled: Promise<void>;
  held: boolean;
}

/**
 * The security half of one judging, as one object that owns where its work runs: started with the
 * judging (in a sandbox of its own, or by the banned-API scan alone), given a spare sandbox beside
 * the functional one when the worker lends one, run in the functional sandbox between compiling and
 * the tests, told of the compile output and of each test's run, and finished into the submission's
 * security outcome (SecurityPlan says which of these a language and policy need).
 */
export class SecurityRun {
  readonly plan: SecurityPlan;
  /** Findings of the analysis; null when it could not run (the judge's problem, logged). */
  private found: Promise<Finding[] | null>;
  private aside: Aside | null = null;
  /** What the functional build's compiler warned of that is a finding (C/C++: a variable read uninitialised). */
  private warned: Finding[] = [];
  /** Aborts of the hardened functional build (stack protector, fortify): one finding per weakness. */
  private readonly aborts = new Map<string, Finding>();
  /** Java: the exceptions the JVM's checks raised on the tests, one per weakness and line. */
  private readonly raised = new Map<string, Finding>();
  private readonly sourceLines: number;

  constructor(
    private readonly checks: SecurityChecks,
    private readonly spares: SpareSandboxes,
    private readonly sub: SubmissionEntity,
    private readonly lang: LanguageDef,
    private readonly policy: SecurityPolicy,
    private readonly inputs: SecurityInputs,
  ) {
    this.plan = securityPlan(lang.id, policy);
    this.sourceLines = sub.source.split('\n').length;
    this.found =
      this.plan.sandbox === 'own'
        ? checks.check(sub, policy, this.plan, inputs)
        : Promise.resolve(checks.banned(sub, policy));
  }

  /**
   * Once the functional sandbox is held: on a worker with a core to spare, the plan's spare share
   * starts in a spare warm sandbox beside it. Returns a promise that settles when that work is over
   * (for the phase log), or null when nothing was lent.
   */
  startAside(): Promise<void> | null {
    const box = this.plan.spare ? this.spares.acquireSpare(this.lang.image) : undefined;
    if (!box) return null;
    const found = this.checks.analyzeAside(box, this.sub, this.plan, this.inputs);
    const settled = found.then(
      () => undefined,
      () => undefined,
    );
    this.aside = { box, found, settled, held: true };
    return settled;
  }

  /** Whether part of the analysis runs in the functional sandbox, after compiling and before the tests. */
  get inFunctionalSandbox(): boolean {
    return this.plan.sandbox === 'functional';
  }

  /** The functional build's compiler output: its warnings that are findings. */
  compiled(output: string): void {
    if (this.plan.static && (this.lang.id === 'c' || this.lang.id === 'cpp'))
      this.warned = parseCompilerWarnings(output, this.lang.sourceFile);
  }

  /**
   * The functional sandbox's share, run there before any submitted code (a program could rewrite its
   * own source or swap the sanitizer build): the analyzers, and the sanitizer rebuild and replays
   * unless the spare sandbox has them or the source did not compile. A sanitizer replay can take the
   * sandbox down: the caller looks at `box.alive` afterwards.
   */
  async analyzeIn(box: Sandbox, compiles: boolean): Promise<void> {
    const plan = { ...this.plan, dynamic: this.plan.dynamic && compiles };
    const spared = !!this.aside;
    const analysed = await this.checks.analyze(box, this.sub, this.policy, plan, this.inputs, { compiles, spared });
    this.found = this.aside ? this.aside.found.then((more) => [...analysed, ...more]) : Promise.resolve(analysed);
  }

  /** A test's run: the hardened build's aborts and, for Java, the exceptions its checks raised. */
  observe(test: string, r: RunnerResult): void {
    if (r.status !== 'RE') return;
    const stderr = r.stderr.toString('utf8');
    if (this.plan.dynamic)
      for (const f of parseHardeningAbort(stderr, this.lang.sourceFile, test))
        if (!this.aborts.has(f.cwe)) this.aborts.set(f.cwe, f);
    // Java's own run-time checks are its sanitizers: an uncaught out-of-bounds index or division by zero.
    if (this.policy.sanitizers && this.lang.id === 'java')
      for (const f of parseJavaException(stderr, this.lang.sourceFile, test, this.sourceLines))
        if (!this.raised.has(`${f.cwe}:${f.line}`)) this.raised.set(`${f.cwe}:${f.line}`, f);
  }

  /**
   * The security outcome: everything found, graded by evidence, with the failed attack tests'
   * findings; null when the analysis could not run and nothing else was seen. `compiled` false: a
   * source that did not compile is `unanalysed` unless something already fails it.
   */
  async outcome(attacks: Finding[] = [], compiled = true): Promise<SecurityOutcome | null> {
    const analysed = await this.found;
    if (analysed === null && !this.aborts.size && !this.raised.size && !attacks.length) return null;
    // An abort of the hardened build is the same weakness as an ASan out-of-bounds write report:
    // one finding, both tools named, with ASan's line. Each failed attack test stays a finding of its own.
    const folded = foldHardeningAborts([
      ...(analysed ?? []),
      ...this.warned,
      ...this.raised.values(),
      ...this.aborts.values(),
    ]);
    // Severity from evidence: pattern findings weighed by where input flows in the source.
    const graded = this.policy.static
      ? withEvidence(folded, this.lang.id, this.sub.source, this.lang.sourceFile)
      : folded;
    return securityOutcome([...dedupe(graded), ...attacks], this.policy, { analysed: compiled });
  }

  /** Whether the analysis itself could not run (to tell a Docker outage, retried, from a finding). */
  async lost(): Promise<boolean> {
    return (await this.found) === null;
  }

  /**
   * The spare sandbox goes back: at once when the judging failed (its work is stopped, not left to
   * run beside a retry), else once its work is done, not while the tests run.
   */
  release({ now }: { now: boolean }): void {
    const aside = this.aside;
    if (!aside) return;
    const give = () => {
      if (aside.held) this.spares.release(aside.box);
      aside.held = false;
    };
    if (now) give();
    else void aside.settled.then(give);
  }
}
