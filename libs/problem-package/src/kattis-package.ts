import {
  Aggregation,
  CheckerSpec,
  CustomChecker,
  ExpectedOutcome,
  expectedFromFolder,
  GroupRule,
  LanguageId,
  ProblemScoring,
} from '@bastion/contracts';
import { parsePolicy, SecurityPolicy } from '@bastion/security';
import { PackageError } from './package-error';
import { packageText as text, PackageYamlReader } from './package-yaml';
import { readZip, ZipLimits, DEFAULT_ZIP_LIMITS } from './zip-reader';

export interface PackageTest {
  name: string;
  kind: 'sample' | 'secret' | 'attack';
  input: Buffer;
  answer: Buffer;
  /** False for an attack test without an .ans. */
  checkAnswer: boolean;
  /** Output that must not appear (an attack test's .forbid file, one string a line). */
  forbidden: string[];
  /** What the test is worth inside its group (`accept_score` of a scoring problem; otherwise 1). */
  points: number;
}

/** A reference solution from `submissions/<expected verdict>/`. */
export interface ReferenceSolution {
  path: string;
  /** null when Bastion cannot judge it (another language, several files); `note` says why. */
  language: LanguageId | null;
  expected: ExpectedOutcome;
  source: string;
  note: string | null;
}

export interface ProblemPackage {
  shortName: string | null;
  name: string;
  /** The statement shown by default (English when there is one). */
  statement: string;
  /** Every statement the package carries, by language code (`en`, `ko`, …). */
  statements: Record<string, string>;
  /** null when the package gives none (then the importer decides). */
  timeLimitMs: number | null;
  memoryLimitMb: number;
  outputLimitBytes: number;
  checker: CheckerSpec;
  tests: PackageTest[];
  /** From bastion.yaml (`security:`), Bastion's extension that other tools ignore. */
  security: SecurityPolicy;
  scoring: ProblemScoring;
  solutions: ReferenceSolution[];
  /** Time limit = slowest accepted reference solution × this, when the package gives no limit. */
  timeMultiplier: number;
}

export const DEFAULT_MEMORY_MB = 256;
export const DEFAULT_OUTPUT_BYTES = 8 * 1024 * 1024;
/** problemtools' defaults: legacy `limits.time_multiplier`, 2023-07 `limits.time_multipliers.ac_to_time_limit`. */
export const LEGACY_TIME_MULTIPLIER = 5;
export const TIME_MULTIPLIER_2023 = 2;
export const MAX_REFERENCE_SOLUTIONS = 100;
/** A reference solution beyond this is listed, not run (a student's limit is 64 KiB by default). */
export const MAX_SOLUTION_BYTES = 256 * 1024;

const EXTENSIONS: Record<string, LanguageId> = {
  c: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  'c++': 'cpp',
  py: 'python',
  py3: 'python',
  java: 'java',
  js: 'javascript',
  go: 'go',
  rs: 'rust',
};

/** `problem_statement/` (legacy) or `statement/` (2023-07): `problem[.<lang>].md` or `.tex`; Markdown wins. */
function readStatements(files: Map<string, Buffer>): Record<string, string> {
  const found: Record<string, { md: boolean; text: string }> = {};
  for (const [path, buf] of [...files].sort(([a], [b]) => natural(a, b))) {
    const m = /^(?:problem_statement|statement)\/problem(?:\.([a-z]{2,3}(?:-[A-Za-z]{2,4})?))?\.(md|tex)$/.exec(path);
    if (!m) continue;
    const lang = m[1] ?? 'en';
    const md = m[2] === 'md';
    if (found[lang]?.md && !md) continue;
    found[lang] = { md, text: text(buf, path) };
  }
  return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.text]));
}

const natural = new Intl.Collator('en', { numeric: true }).compare;

/** Strips a single top-level folder when the package was zipped with one (`hello/problem.yaml`). */
function rootOf(zipped: Map<string, Buffer>): { files: Map<string, Buffer>; folder: string | null } {
  // Archivers' litter (macOS resource forks, Finder and Explorer metadata) is not part of a package.
  const files = new Map(
    [...zipped].filter(([k]) => !k.startsWith('__MACOSX/') && !/(^|\/)(\.DS_Store|Thumbs\.db)$/.test(k)),
  );
  if (files.has('problem.yaml')) return { files, folder: null };
  const tops = new Set([...files.keys()].map((k) => k.split('/')[0]));
  const [top] = tops;
  if (tops.size === 1 && files.has(`${top}/problem.yaml`)) {
    const inner = new Map([...files].map(([k, v]) => [k.slice(top.length + 1), v] as [string, Buffer]));
    return { files: inner, folder: top };
  }
  throw new PackageError('NO_PROBLEM_YAML', 'The package has no problem.yaml at its root');
}

/** Maps Kattis `validator_flags` of the default output validator to a built-in checker. */
export function checkerFromFlags(flags: string): CheckerSpec {
  const words = flags.split(/\s+/).filter(Boolean);
  const num = (name: string) => {
    const i = words.indexOf(name);
    const v = i >= 0 ? Number(words[i + 1]) : NaN;
    return Number.isFinite(v) ? v : null;
  };
  const tol = num('float_tolerance');
  const abs = num('float_absolute_tolerance') ?? tol;
  const rel = num('float_relative_tolerance') ?? tol;
  if (abs !== null || rel !== null) return { type: 'float', absTol: abs ?? 0, relTol: rel ?? 0 };
  if (words.includes('space_change_sensitive')) return { type: 'exact' };
  return words.includes('case_sensitive') ? { type: 'tokens' } : { type: 'case-insensitive' };
}

/**
 * The package's own output validator: `output_validators/<name>/` (legacy) or `output_validator/`
 * (2023-07), in C++ (every .cpp/.cc compiled together, headers alongside) or Python (one .py file).
 */
export function customChecker(files: Map<string, Buffer>, flags: string): CustomChecker {
  const inDir = [...files.keys()].filter((k) => /^output_validators?\//.test(k) && !k.endsWith('/'));
  // output_validator/ (2023-07), output_validators/<name>/, or files right in output_validators/.
  const dirs = new Set(
    inDir.map((k) =>
      k.startsWith('output_validator/') || k.split('/').length === 2
        ? k.split('/')[0]
        : k.split('/').slice(0, 2).join('/'),
    ),
  );
  if (dirs.size !== 1) {
    throw new PackageError(
      dirs.size ? 'SEVERAL_VALIDATORS' : 'NO_VALIDATOR',
      dirs.size
        ? 'The package has more than one output validator; Bastion supports one'
        : 'validation is custom but there is no output_validators/<name>/ or output_validator/ folder',
    );
  }
  const [dir] = dirs;
  const own = inDir.filter((k) => k.startsWith(`${dir}/`));
  const names = own.map((k) => k.slice(dir.length + 1));
  if (names.some((n) => n.includes('/'))) {
    throw new PackageError('UNSUPPORTED_VALIDATOR', 'Output validators in sub-folders are not supported');
  }
  const cpp = names.filter((n) => /\.(cpp|cc|cxx)$/.test(n));
  const py = names.filter((n) => /\.py$/.test(n));
  const language = cpp.length ? 'cpp' : py.length === 1 ? 'python' : null;
  if (!language) {
    throw new PackageError(
      'UNSUPPORTED_VALIDATOR',
      'An output validator must be C++ (.cpp) or a single Python file (.py)',
      422,
    );
  }
  return {
    type: 'custom',
    language,
    files: Object.fromEntries(own.map((k) => [k.slice(dir.length + 1), (files.get(k) as Buffer).toString('base64')])),
    flags: flags.split(/\s+/).filter(Boolean),
  };
}

function positive(v: unknown, what: string): number | null {
  if (v === undefined || v === null) return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new PackageError('BAD_PROBLEM_YAML', `${what} must be a positive number`);
  return n;
}

/** Reads a Kattis problem package (zip) into what Bastion stores. */
export async function readKattisPackage(zip: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ProblemPackage> {
  const { files, folder } = rootOf(await readZip(zip, limits));
  const yaml = new PackageYamlReader();
  let meta: Record<string, unknown>;
  try {
    meta = (yaml.parse(files.get('problem.yaml') as Buffer, 'problem.yaml') ?? {}) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof PackageError) throw e;
    throw new PackageError('BAD_PROBLEM_YAML', `problem.yaml is not valid YAML: ${(e as Error).message}`);
  }
  if (typeof meta !== 'object' || Array.isArray(meta))
    throw new PackageError('BAD_PROBLEM_YAML', 'problem.yaml must be a mapping');

  const type = String(meta.type ?? 'pass-fail');
  const validation = String(meta.validation ?? 'default');
  if (type.includes('interactive') || validation.includes('interactive')) {
    throw new PackageError('INTERACTIVE_NOT_SUPPORTED', 'Interactive problems are not supported yet', 422);
  }

  const rawName = meta.name;
  let name: string | null = null;
  if (typeof rawName === 'string') name = rawName;
  else if (rawName && typeof rawName === 'object') {
    const byLang = rawName as Record<string, unknown>;
    name = String(byLang.en ?? Object.values(byLang)[0] ?? '');
  }
  const statements = readStatements(files);
  const statement = statements.en ?? Object.values(statements)[0] ?? '';
  // Legacy packages often name the problem only in the statement: \problemname{...} or a Markdown title.
  const fromStatement = /\\problemname\{([^}]*)\}/.exec(statement)?.[1] ?? /^#\s+(.+)$/m.exec(statement)?.[1];
  name = name?.trim() || fromStatement?.trim() || folder;
  if (!name) throw new PackageError('BAD_PROBLEM_YAML', 'problem.yaml gives no name');

  const lim = (meta.limits ?? {}) as Record<string, unknown>;
  const legacy = files.get('.timelimit');
  const seconds =
    positive(lim.time_limit, 'limits.time_limit') ?? (legacy ? positive(legacy.toString().trim(), '.timelimit') : null);
  const memory = positive(lim.memory, 'limits.memory') ?? DEFAULT_MEMORY_MB;
  const output = positive(lim.output, 'limits.output');
  const flags = (meta.validator_flags ??
    (meta.validation as { validator_flags?: unknown })?.validator_flags ??
    '') as string;

  const scoringProblem = [meta.type].flat().some((t) => String(t).includes('scoring'));
  const { scoring, pointsOf } = readGroups(files, yaml, scoringProblem);

  const tests: PackageTest[] = [];
  const inputs = [...files.keys()].filter((k) => /^data\/(sample|secret)\/.+\.in$/.test(k)).sort(natural);
  for (const kind of ['sample', 'secret'] as const) {
    for (const path of inputs.filter((k) => k.startsWith(`data/${kind}/`))) {
      const base = path.slice(0, -3);
      const answer = files.get(`${base}.ans`);
      if (!answer) throw new PackageError('MISSING_ANSWER', `${path} has no ${base.split('/').pop()}.ans beside it`);
      tests.push({
        name: base.slice('data/'.length),
        kind,
        input: files.get(path) as Buffer,
        answer,
        checkAnswer: true,
        forbidden: [],
        points: scoringProblem ? pointsOf(base.slice('data/'.length)) : 1,
      });
    }
  }
  if (tests.length === 0) throw new PackageError('NO_TESTS', 'The package has no tests in data/sample or data/secret');
  // Bastion's attack tests ride along in data/attack: an input meant to break the program, with an
  // optional answer and an optional list of output that must never appear.
  for (const path of [...files.keys()].filter((k) => /^data\/attack\/.+\.in$/.test(k)).sort(natural)) {
    const base = path.slice(0, -3);
    const answer = files.get(`${base}.ans`);
    const forbid = files.get(`${base}.forbid`);
    tests.push({
      name: base.slice('data/'.length),
      kind: 'attack',
      input: files.get(path) as Buffer,
      answer: answer ?? Buffer.alloc(0),
      checkAnswer: answer !== undefined,
      forbidden: forbid
        ? text(forbid, `${base}.forbid`)
            .split(/\r?\n/)
            .filter((l) => l.trim() !== '')
        : [],
      points: 0,
    });
  }

  let security: SecurityPolicy;
  try {
    const ext = files.get('bastion.yaml');
    const doc = ext ? ((yaml.parse(ext, 'bastion.yaml') ?? {}) as { security?: unknown }) : {};
    security = parsePolicy(doc.security);
  } catch (e) {
    if (e instanceof PackageError) throw e;
    throw new PackageError('BAD_BASTION_YAML', `bastion.yaml: ${(e as Error).message}`);
  }

  return {
    shortName: folder,
    name: name.slice(0, 300),
    statement,
    statements,
    timeLimitMs: seconds === null ? null : Math.ceil(seconds * 1000),
    memoryLimitMb: Math.ceil(memory),
    outputLimitBytes: output === null ? DEFAULT_OUTPUT_BYTES : Math.ceil(output * 1024 * 1024),
    checker: validation.startsWith('custom')
      ? customChecker(files, typeof flags === 'string' ? flags : '')
      : checkerFromFlags(typeof flags === 'string' ? flags : ''),
    tests,
    security,
    scoring,
    solutions: referenceSolutions(files),
    timeMultiplier: timeMultiplier(meta, lim),
  };
}

function timeMultiplier(meta: Record<string, unknown>, lim: Record<string, unknown>): number {
  const modern = lim.time_multipliers as Record<string, unknown> | undefined;
  const given = positive(modern?.ac_to_time_limit ?? lim.time_multiplier, 'limits.time_multiplier');
  if (given !== null) return given;
  return meta.problem_format_version ? TIME_MULTIPLIER_2023 : LEGACY_TIME_MULTIPLIER;
}

/** testdata.yaml (legacy and 2023-07) or test_group.yaml (later drafts) of a folder under data/. */
function groupSettings(
  files: Map<string, Buffer>,
  yaml: PackageYamlReader,
  dir: string,
): Record<string, unknown> | null {
  for (const name of ['testdata.yaml', 'test_group.yaml']) {
    const path = dir ? `data/${dir}/${name}` : `data/${name}`;
    const buf = files.get(path);
    if (!buf) continue;
    try {
      const doc = yaml.parse(buf, path) ?? {};
      if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('it must be a mapping');
      return doc as Record<string, unknown>;
    } catch (e) {
      if (e instanceof PackageError) throw e;
      throw new PackageError('BAD_TESTDATA_YAML', `${path}: ${(e as Error).message}`);
    }
  }
  return null;
}

/**
 * The test groups of a scoring problem. Legacy settings (`accept_score`, `grader_flags`) apply to
 * the folder whose testdata.yaml is the closest one up the tree; 2023-07 `scoring`/`grading`
 * (`score`, `aggregation`) apply to their own folder.
 */
function readGroups(files: Map<string, Buffer>, yaml: PackageYamlReader, scoringProblem: boolean) {
  const dirs = new Set<string>();
  for (const k of files.keys()) {
    const m = /^data\/((?:sample|secret)(?:\/.*)?)\/[^/]+\.in$/.exec(k);
    for (let d = m?.[1]; d; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : undefined) dirs.add(d);
  }
  const own = new Map<string, Record<string, unknown> | null>();
  const settings = (dir: string) => {
    if (!own.has(dir)) own.set(dir, groupSettings(files, yaml, dir));
    return own.get(dir) ?? null;
  };
  const inherited = (dir: string): Record<string, unknown> => {
    for (
      let d: string | null = dir;
      d !== null;
      d = d === '' ? null : d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : ''
    ) {
      const s = settings(d);
      if (s) return s;
    }
    return {};
  };
  const flagsOf = (s: Record<string, unknown>) => String(s.grader_flags ?? '').split(/\s+/);
  const groups: GroupRule[] = [];
  if (scoringProblem) {
    for (const dir of [...dirs].sort(natural)) {
      const modern = (settings(dir)?.scoring ?? settings(dir)?.grading) as Record<string, unknown> | undefined;
      const m = modern && typeof modern === 'object' ? modern : {};
      const agg = m.aggregation === undefined ? null : String(m.aggregation);
      const aggregation: Aggregation =
        agg === 'min' || agg === 'pass-fail' || (agg === null && flagsOf(inherited(dir)).includes('min'))
          ? 'min'
          : 'sum';
      const score = m.score === undefined || m.score === 'unbounded' ? null : positive(m.score, `${dir} score`);
      if (aggregation !== 'sum' || score !== null) groups.push({ path: dir, aggregation, score });
    }
  }
  const root = settings('');
  const scoring: ProblemScoring = {
    type: scoringProblem ? 'scoring' : 'pass-fail',
    ignoreSamples: scoringProblem && (root?.grader_flags === undefined || flagsOf(root).includes('ignore_sample')),
    groups,
  };
  const pointsOf = (testName: string) => {
    const dir = testName.slice(0, testName.lastIndexOf('/'));
    const accept = inherited(dir).accept_score;
    if (accept === undefined) return 1;
    const n = Number(accept);
    if (!Number.isFinite(n) || n < 0)
      throw new PackageError('BAD_TESTDATA_YAML', `accept_score of ${dir} must be a number`);
    return n;
  };
  return { scoring, pointsOf };
}

/** Older packages carry Python 2 solutions: a python2 shebang, or a `print x` statement. */
export function isPython2(source: string): boolean {
  if (/^#!.*python2/.test(source)) return true;
  if (/^#!.*python3/.test(source)) return false;
  return /^[ \t]*print[ \t]+(?![(=])[^\s]/m.test(source) || /^[ \t]*exec[ \t]+["']/m.test(source);
}

/** `submissions/<expected verdict>/<file>`: the package's reference solutions, kept for verification. */
function referenceSolutions(files: Map<string, Buffer>): ReferenceSolution[] {
  const found: ReferenceSolution[] = [];
  const multi = new Set<string>();
  for (const [path, buf] of [...files].sort(([a], [b]) => natural(a, b))) {
    const m = /^submissions\/([^/]+)\/(.+)$/.exec(path);
    if (!m || path.endsWith('/')) continue;
    const [, folder, rest] = m;
    const expected = expectedFromFolder(folder);
    if (rest.includes('/')) {
      const dir = `submissions/${folder}/${rest.split('/')[0]}`;
      if (!multi.has(dir)) {
        multi.add(dir);
        found.push({ path: dir, language: null, expected, source: '', note: 'multi-file solutions are not supported' });
      }
      continue;
    }
    const ext = rest.includes('.') ? rest.slice(rest.lastIndexOf('.') + 1).toLowerCase() : '';
    const source = buf.toString('utf8');
    const note = source.includes('\uFFFD')
      ? 'not valid UTF-8'
      : buf.length > MAX_SOLUTION_BYTES
        ? `larger than ${MAX_SOLUTION_BYTES / 1024} KiB`
        : !EXTENSIONS[ext]
          ? `no Bastion language for .${ext || '(none)'} files`
          : EXTENSIONS[ext] === 'python' && isPython2(source)
            ? 'Python 2 is not supported (Bastion runs Python 3)'
            : null;
    found.push({
      path,
      language: note ? null : EXTENSIONS[ext],
      expected,
      source: note ? '' : source.replace(/^\uFEFF/, ''),
      note,
    });
  }
  return found.slice(0, MAX_REFERENCE_SOLUTIONS);
}
