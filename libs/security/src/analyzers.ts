import type { LanguageId } from '@bastion/contracts';
import type { RunLimits, RunnerResult } from '@bastion/sandbox';
import { dedupe, Finding } from './findings';
import { parseAstGrep, parseBandit, parseEslint, parseFlawfinder, parseGccAnalyzer } from './parsers';
import { bastionTaintArgv, parsePythonTaint } from './python-taint';

// Where the judge images keep Bastion's analysis tooling (judge-images/runtime, c, cpp, python, javascript).

/**
 * ast-grep's config with one language's rules only (made in judge-images/runtime beside the combined
 * /opt/bastion/rules/sgconfig.yml): it starts in half the time.
 */
export const rulesConfig = (language: LanguageId) => `/opt/bastion/rules/sgconfig-${language}.yml`;
export const ESLINT_DIR = '/opt/bastion/eslint';
/** bandit with a quicker start (judge-images/python/bandit/bastion_bandit.py): same checks, same report. */
export const BANDIT = '/opt/bastion/bandit/bastion_bandit.py';
/**
 * Debian's flawfinder as a module with precompiled bytecode (judge-images/c, judge-images/cpp);
 * -P: the working directory (the submission's) is not put on the module path.
 */
export const FLAWFINDER = ['env', 'PYTHONPATH=/opt/bastion/flawfinder', 'python3', '-P', '-m', 'flawfinder'];

/** One analyzer: a command run inside the sandbox over the source file, and its output parser. */
export interface AnalyzerSpec {
  name: string;
  argv: string[];
  /** Exit codes that mean "ran fine" (tools exit 1 when they found something). */
  okExitCodes: number[];
  /** Which stream holds the machine-readable report. */
  output: 'stdout' | 'stderr';
  parse: (output: string) => Finding[];
  /** Runs the compiler over the source: left out when the build failed (as costly, nothing new). */
  compiler?: boolean;
}

const astGrep = (language: LanguageId, sourceFile: string): AnalyzerSpec => ({
  name: 'ast-grep',
  argv: ['ast-grep', 'scan', '--config', rulesConfig(language), '--json=stream', '--include-metadata', sourceFile],
  okExitCodes: [0, 1],
  output: 'stdout',
  parse: parseAstGrep,
});

const flawfinder = (sourceFile: string): AnalyzerSpec => ({
  name: 'flawfinder',
  // --minlevel=2: level 1 hits (strlen, read, ...) are mostly noise for a single-file program.
  argv: [...FLAWFINDER, '--csv', '--columns', '--minlevel=2', '--', sourceFile],
  okExitCodes: [0],
  output: 'stdout',
  parse: parseFlawfinder,
});

const gccAnalyzer = (sourceFile: string): AnalyzerSpec => ({
  name: 'gcc-analyzer',
  argv: [
    'gcc',
    '-std=gnu17',
    '-fanalyzer',
    '-fdiagnostics-plain-output',
    '-fdiagnostics-path-format=none',
    '-fno-diagnostics-show-caret',
    '-Wformat',
    '-Wformat-security',
    '-c',
    '-o',
    '/dev/null',
    sourceFile,
  ],
  // A source that does not compile still yields the analyzer warnings found before the error.
  okExitCodes: [0, 1],
  output: 'stderr',
  parse: parseGccAnalyzer,
  compiler: true,
});

const bandit = (sourceFile: string): AnalyzerSpec => ({
  name: 'bandit',
  argv: ['python3', BANDIT, '-f', 'json', '-q', sourceFile],
  okExitCodes: [0, 1],
  output: 'stdout',
  parse: parseBandit,
});

/** Bastion's source-to-sink analyzer for Python (python-taint.ts): it grades what bandit and ast-grep only flag. */
const bastionTaint = (sourceFile: string): AnalyzerSpec => ({
  name: 'bastion-taint',
  argv: bastionTaintArgv(sourceFile),
  okExitCodes: [0],
  output: 'stdout',
  parse: parsePythonTaint,
});

const eslint = (sourceFile: string): AnalyzerSpec => ({
  name: 'eslint',
  argv: [
    'node',
    `${ESLINT_DIR}/node_modules/eslint/bin/eslint.js`,
    '--config',
    `${ESLINT_DIR}/eslint.config.mjs`,
    '--no-ignore',
    '--format',
    'json',
    sourceFile,
  ],
  okExitCodes: [0, 1],
  output: 'stdout',
  parse: parseEslint,
});

/** The analyzers of each language, in the order they run. */
export function analyzersFor(language: LanguageId, sourceFile: string): AnalyzerSpec[] {
  switch (language) {
    case 'c':
      return [astGrep(language, sourceFile), flawfinder(sourceFile), gccAnalyzer(sourceFile)];
    case 'cpp':
      // gcc 12's -fanalyzer does not support C++ yet; flawfinder reads C++ as well.
      return [astGrep(language, sourceFile), flawfinder(sourceFile)];
    case 'python':
      return [astGrep(language, sourceFile), bandit(sourceFile), bastionTaint(sourceFile)];
    case 'java':
      return [astGrep(language, sourceFile)];
    case 'javascript':
      return [astGrep(language, sourceFile), eslint(sourceFile)];
    case 'go':
    case 'rust':
      return []; // no analyzer yet: the banned-API scan and the attack tests are what they get
  }
}

/** What analyze() needs of a sandbox (a Sandbox from @bastion/sandbox). */
export interface AnalysisBox {
  run(argv: string[], stdin: Buffer, limits: RunLimits): Promise<RunnerResult>;
}

export const DEFAULT_ANALYZER_LIMITS: RunLimits = {
  cpuMs: 20_000,
  wallMs: 30_000,
  outputBytes: 4 * 1024 * 1024,
  memoryKb: 0,
};

export interface AnalyzerRun {
  analyzer: string;
  ok: boolean;
  /** Runner status, or 'PARSE' / 'EXIT <n>' / 'SANDBOX' for failures found on this side. */
  status: string;
  wallMs: number;
  cpuMs: number;
  findings: number;
  error?: string;
}

export interface AnalyzeOptions {
  limits?: Partial<RunLimits>;
  /** Told about every analyzer that failed or timed out (and so was skipped). */
  log?: (msg: string) => void;
  /** Run only these analyzers (by name). */
  only?: string[];
  /** false: the source did not compile, so analyzers that compile it are left out. */
  compiles?: boolean;
}

export interface AnalysisReport {
  findings: Finding[];
  runs: AnalyzerRun[];
}

/**
 * Runs the language's analyzers one after another in the sandbox (where the source file already
 * is), parses their reports and dedupes the findings. An analyzer that fails, times out or prints
 * something unparsable is skipped and logged; this never throws for anything the source does.
 */
export async function analyzeWithReport(
  box: AnalysisBox,
  language: LanguageId,
  sourceFile: string,
  opts: AnalyzeOptions = {},
): Promise<AnalysisReport> {
  const limits = { ...DEFAULT_ANALYZER_LIMITS, ...opts.limits };
  const log = opts.log ?? (() => undefined);
  const all: Finding[] = [];
  const runs: AnalyzerRun[] = [];
  for (const spec of analyzersFor(language, sourceFile)) {
    if (opts.only && !opts.only.includes(spec.name)) continue;
    if (opts.compiles === false && spec.compiler) continue;
    const t0 = Date.now();
    let result: RunnerResult;
    try {
      result = await box.run(spec.argv, Buffer.alloc(0), limits);
    } catch (err) {
      const error = (err as Error).message;
      log(`analyzer ${spec.name} could not run: ${error}`);
      runs.push({
        analyzer: spec.name,
        ok: false,
        status: 'SANDBOX',
        wallMs: Date.now() - t0,
        cpuMs: 0,
        findings: 0,
        error,
      });
      continue;
    }
    const base = { analyzer: spec.name, wallMs: result.wallMs, cpuMs: result.cpuMs };
    const exitOk = (result.status === 'OK' || result.status === 'RE') && result.exitCode !== null;
    if (!exitOk || !spec.okExitCodes.includes(result.exitCode as number)) {
      const status = exitOk ? `EXIT ${result.exitCode}` : result.status;
      const error = result.stderr.toString('utf8').slice(-500).trim();
      log(`analyzer ${spec.name} skipped: ${status}${error ? `: ${error}` : ''}`);
      runs.push({ ...base, ok: false, status, findings: 0, error });
      continue;
    }
    try {
      const found = spec.parse((spec.output === 'stdout' ? result.stdout : result.stderr).toString('utf8'));
      all.push(...found);
      runs.push({ ...base, ok: true, status: result.status, findings: found.length });
    } catch (err) {
      const error = (err as Error).message;
      log(`analyzer ${spec.name} output not understood: ${error}`);
      runs.push({ ...base, ok: false, status: 'PARSE', findings: 0, error });
    }
  }
  // Only the submission's own file (gcc may also warn inside system headers).
  const mine = all
    .filter((f) => f.file === sourceFile || f.file === '')
    .map((f) => (f.file ? f : { ...f, file: sourceFile }));
  return { findings: dedupe(mine), runs };
}

/** analyzeWithReport, findings only. */
export async function analyze(
  box: AnalysisBox,
  language: LanguageId,
  sourceFile: string,
  opts: AnalyzeOptions = {},
): Promise<Finding[]> {
  return (await analyzeWithReport(box, language, sourceFile, opts)).findings;
}
