import { CweId, defaultFixHint, normalizeCwe } from './cwe';
import { Finding, isSeverity, Severity } from './findings';

/**
 * Parsers of the analyzers' outputs. Each takes the raw text a tool printed and returns findings;
 * lines it does not understand are skipped (a hostile source can make a tool print anything), but
 * output that is not the tool's format at all throws, so the caller can report the analyzer failed.
 */

/** `./main.c`, `/box/main.c` → `main.c` (tools run in the sandbox work dir /box). */
export function normalizePath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  if (s.startsWith('/box/')) s = s.slice('/box/'.length);
  while (s.startsWith('./')) s = s.slice(2);
  return s;
}

const positive = (n: unknown, fallback = 1): number =>
  typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;

const text = (v: unknown, max = 2000): string => (typeof v === 'string' ? v : v == null ? '' : String(v)).slice(0, max);

// ---------------------------------------------------------------------------------- ast-grep --

interface AstGrepMatch {
  ruleId?: string;
  file?: string;
  message?: string;
  note?: string | null;
  severity?: string;
  range?: { start?: { line?: number; column?: number } };
  metadata?: { cwe?: string; severity?: string; fixHint?: string } | null;
}

const AST_GREP_LEVELS: Record<string, Severity> = { error: 'high', warning: 'medium', info: 'low', hint: 'low' };

/** `ast-grep scan --json=stream --include-metadata`: one JSON object per line (0-based positions). */
export function parseAstGrep(stream: string): Finding[] {
  const out: Finding[] = [];
  for (const raw of stream.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = JSON.parse(line) as AstGrepMatch;
    const cwe = normalizeCwe(m.metadata?.cwe);
    if (!m.ruleId || !cwe) continue;
    const sev = m.metadata?.severity;
    out.push({
      tool: 'ast-grep',
      ruleId: m.ruleId,
      cwe,
      severity: isSeverity(sev) ? sev : (AST_GREP_LEVELS[m.severity ?? ''] ?? 'medium'),
      file: normalizePath(m.file ?? ''),
      line: (m.range?.start?.line ?? 0) + 1,
      column: (m.range?.start?.column ?? 0) + 1,
      message: text(m.message),
      fixHint: text(m.metadata?.fixHint) || defaultFixHint(cwe),
    });
  }
  return out;
}

// -------------------------------------------------------------------------------- flawfinder --

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** flawfinder risk level 0..5 → severity. */
export function flawfinderSeverity(level: number): Severity {
  if (level >= 5) return 'critical';
  if (level >= 4) return 'high';
  if (level >= 3) return 'medium';
  return 'low';
}

/**
 * `flawfinder --csv`: a header row (File,Line,Column,DefaultLevel,Level,Category,Name,Warning,
 * Suggestion,Note,CWEs,Context,Fingerprint,...) then one row per hit. CWEs look like `CWE-120`,
 * `CWE-120, CWE-20` or `CWE-119!/CWE-120`; the first is taken (the one flawfinder's HelpUri names).
 */
export function parseFlawfinder(csv: string): Finding[] {
  const rows = parseCsv(csv).filter((r) => r.length > 1 || r[0] !== '');
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim());
  const col = (name: string): number => header.indexOf(name);
  const iFile = col('File');
  const iLine = col('Line');
  const iCwes = col('CWEs');
  if (iFile < 0 || iLine < 0 || iCwes < 0) throw new Error('not flawfinder CSV output (no File/Line/CWEs header)');
  const iCol = col('Column');
  const iLevel = col('Level');
  const iName = col('Name');
  const iWarning = col('Warning');
  const iSuggestion = col('Suggestion');
  const iCategory = col('Category');
  const out: Finding[] = [];
  for (const r of rows.slice(1)) {
    const cwe = normalizeCwe(/CWE-(\d+)/.exec(r[iCwes] ?? '')?.[1]);
    const line = Number(r[iLine]);
    if (!cwe || !Number.isInteger(line)) continue;
    const name = r[iName] ?? '';
    const suggestion = (iSuggestion >= 0 ? r[iSuggestion] : '') ?? '';
    out.push({
      tool: 'flawfinder',
      ruleId: `flawfinder.${iCategory >= 0 ? r[iCategory] : 'misc'}.${name}`,
      cwe,
      severity: flawfinderSeverity(Number(r[iLevel] ?? 1)),
      file: normalizePath(r[iFile] ?? ''),
      line: positive(line),
      column: positive(iCol >= 0 ? Number(r[iCol]) : 1),
      message: text(`${name}: ${r[iWarning] ?? ''}`.trim()),
      fixHint: text(suggestion) || defaultFixHint(cwe),
    });
  }
  return out;
}

// ------------------------------------------------------------------------------ gcc -fanalyzer --

/** CWEs for gcc warnings that do not carry a [CWE-n] tag themselves. */
const GCC_WARNING_CWES: Record<string, CweId> = {
  'analyzer-null-dereference': 'CWE-476',
  'analyzer-possible-null-dereference': 'CWE-690',
  'analyzer-null-argument': 'CWE-476',
  'analyzer-possible-null-argument': 'CWE-690',
  'analyzer-double-free': 'CWE-415',
  'analyzer-use-after-free': 'CWE-416',
  'analyzer-malloc-leak': 'CWE-401',
  'analyzer-file-leak': 'CWE-775',
  'analyzer-fd-leak': 'CWE-775',
  'analyzer-free-of-non-heap': 'CWE-590',
  'analyzer-mismatching-deallocation': 'CWE-762',
  'analyzer-use-of-uninitialized-value': 'CWE-457',
  'analyzer-out-of-bounds': 'CWE-787',
  'analyzer-write-to-const': 'CWE-787',
  'analyzer-write-to-string-literal': 'CWE-787',
  'analyzer-tainted-array-index': 'CWE-129',
  'analyzer-tainted-allocation-size': 'CWE-789',
  'analyzer-tainted-divisor': 'CWE-369',
  'analyzer-tainted-size': 'CWE-129',
  'analyzer-exposure-through-output-file': 'CWE-532',
  'analyzer-unsafe-call-within-signal-handler': 'CWE-479',
  'analyzer-use-of-pointer-in-stale-stack-frame': 'CWE-562',
  'analyzer-shift-count-negative': 'CWE-758',
  'analyzer-shift-count-overflow': 'CWE-758',
  'format-security': 'CWE-134',
  'format-nonliteral': 'CWE-134',
  'format-overflow': 'CWE-787',
  'format-truncation': 'CWE-120',
  'stringop-overflow': 'CWE-787',
  'stringop-overread': 'CWE-126',
  'array-bounds': 'CWE-787',
  'deprecated-declarations': 'CWE-676',
  'free-nonheap-object': 'CWE-590',
  'use-after-free': 'CWE-416',
  'return-local-addr': 'CWE-562',
};

const GCC_SEVERITIES: Record<string, Severity> = {
  'CWE-415': 'critical',
  'CWE-416': 'critical',
  'CWE-787': 'high',
  'CWE-134': 'high',
  'CWE-120': 'high',
  'CWE-476': 'high',
  'CWE-690': 'medium',
  'CWE-457': 'medium',
  'CWE-401': 'low',
  'CWE-775': 'low',
};

const GCC_LINE = /^(.+?):(\d+):(\d+): (warning|error): (.*?)((?: \[CWE-\d+\])*) \[-W([\w-]+)(?:=[^\]]*)?\]\s*$/;

/**
 * gcc's diagnostics on stderr, e.g. `main.c:7:5: warning: dereference of NULL 'p' [CWE-476]
 * [-Wanalyzer-null-dereference]`. Only warnings with a known or tagged CWE become findings; the
 * event paths and notes of -fanalyzer are skipped.
 */
export function parseGccAnalyzer(stderr: string): Finding[] {
  const out: Finding[] = [];
  for (const raw of stderr.split('\n')) {
    const m = GCC_LINE.exec(raw.trimEnd());
    if (!m) continue;
    const [, file, line, column, , message, cweTags, option] = m;
    const tagged = /CWE-(\d+)/.exec(cweTags)?.[1];
    const cwe = tagged ? normalizeCwe(tagged) : GCC_WARNING_CWES[option];
    if (!cwe) continue;
    out.push({
      tool: 'gcc-analyzer',
      ruleId: `-W${option}`,
      cwe,
      severity: GCC_SEVERITIES[cwe] ?? 'medium',
      file: normalizePath(file),
      line: positive(Number(line)),
      column: positive(Number(column)),
      message: text(message),
      fixHint: defaultFixHint(cwe),
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------ bandit --

/** Bandit test ids → the CWE Bastion files them under (Bandit's own issue_cwe is the fallback). */
export const BANDIT_CWES: Readonly<Record<string, CweId>> = {
  B102: 'CWE-95', // exec_used
  B105: 'CWE-798', // hardcoded_password_string
  B106: 'CWE-798', // hardcoded_password_funcarg
  B107: 'CWE-798', // hardcoded_password_default
  B108: 'CWE-377', // hardcoded_tmp_directory
  B301: 'CWE-502', // pickle
  B302: 'CWE-502', // marshal
  B303: 'CWE-327', // md5 / sha1 (blacklist)
  B304: 'CWE-327', // insecure ciphers
  B305: 'CWE-327', // insecure cipher modes
  B306: 'CWE-377', // mktemp_q
  B307: 'CWE-95', // eval
  B311: 'CWE-338', // random
  B324: 'CWE-327', // hashlib insecure hash functions
  B506: 'CWE-502', // yaml_load
  B602: 'CWE-78', // subprocess_popen_with_shell_equals_true
  B603: 'CWE-78', // subprocess_without_shell_equals_true
  B604: 'CWE-78', // any_other_function_with_shell_equals_true
  B605: 'CWE-78', // start_process_with_a_shell (os.system)
  B606: 'CWE-78', // start_process_with_no_shell
  B607: 'CWE-78', // start_process_with_partial_path
  B608: 'CWE-89', // hardcoded_sql_expressions
  B609: 'CWE-78', // linux_commands_wildcard_injection
  B610: 'CWE-89', // django_extra_used
  B611: 'CWE-89', // django_rawsql_used
  B701: 'CWE-79', // jinja2_autoescape_false
};

/**
 * Bandit findings Bastion does not report: an import (B403 pickle, B404 subprocess), assert (B101),
 * calls without a shell (B603, B606, B607), and B322, Python 2's input() (Debian's bandit 1.6 still
 * flags Python 3's harmless input()).
 */
export const BANDIT_IGNORED = new Set(['B101', 'B322', 'B403', 'B404', 'B603', 'B606', 'B607']);

interface BanditResult {
  test_id?: string;
  test_name?: string;
  issue_severity?: string;
  issue_confidence?: string;
  issue_text?: string;
  issue_cwe?: { id?: number };
  filename?: string;
  line_number?: number;
  col_offset?: number;
}

const BANDIT_SEVERITIES: Record<string, Severity> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low' };

/** `bandit -f json`: { results: [{ test_id, issue_severity, issue_cwe: { id }, line_number, col_offset (0-based) }] }. */
export function parseBandit(json: string): Finding[] {
  const doc = JSON.parse(json) as { results?: BanditResult[] };
  if (!doc || !Array.isArray(doc.results)) throw new Error('not bandit JSON output (no results array)');
  const out: Finding[] = [];
  for (const r of doc.results) {
    const id = r.test_id ?? '';
    if (BANDIT_IGNORED.has(id)) continue;
    const cwe = BANDIT_CWES[id] ?? normalizeCwe(r.issue_cwe?.id);
    if (!cwe) continue;
    let severity = BANDIT_SEVERITIES[r.issue_severity ?? ''] ?? 'medium';
    if (r.issue_confidence === 'LOW' && severity !== 'low') severity = severity === 'high' ? 'medium' : 'low';
    out.push({
      tool: 'bandit',
      ruleId: `${id}${r.test_name ? `:${r.test_name}` : ''}`,
      cwe,
      severity,
      file: normalizePath(r.filename ?? ''),
      line: positive(r.line_number),
      column: positive((r.col_offset ?? 0) + 1),
      message: text(r.issue_text),
      fixHint: defaultFixHint(cwe),
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------ eslint --

/** ESLint rule ids (core + eslint-plugin-security) → CWE and severity. */
export const ESLINT_RULES: Readonly<Record<string, { cwe: CweId; severity: Severity }>> = {
  'no-eval': { cwe: 'CWE-95', severity: 'high' },
  'no-implied-eval': { cwe: 'CWE-95', severity: 'high' },
  'no-new-func': { cwe: 'CWE-95', severity: 'high' },
  'security/detect-eval-with-expression': { cwe: 'CWE-95', severity: 'high' },
  'security/detect-child-process': { cwe: 'CWE-78', severity: 'high' },
  'security/detect-non-literal-regexp': { cwe: 'CWE-1333', severity: 'medium' },
  'security/detect-unsafe-regex': { cwe: 'CWE-1333', severity: 'medium' },
  'security/detect-pseudoRandomBytes': { cwe: 'CWE-338', severity: 'medium' },
  'security/detect-non-literal-require': { cwe: 'CWE-829', severity: 'medium' },
  'security/detect-non-literal-fs-filename': { cwe: 'CWE-22', severity: 'medium' },
  'security/detect-buffer-noassert': { cwe: 'CWE-125', severity: 'medium' },
  'security/detect-new-buffer': { cwe: 'CWE-665', severity: 'low' },
  'security/detect-possible-timing-attacks': { cwe: 'CWE-208', severity: 'low' },
  'security/detect-object-injection': { cwe: 'CWE-915', severity: 'low' },
  'security/detect-no-csrf-before-method-override': { cwe: 'CWE-352', severity: 'medium' },
  'security/detect-disable-mustache-escape': { cwe: 'CWE-79', severity: 'high' },
  'security/detect-bidi-characters': { cwe: 'CWE-451', severity: 'high' },
};

interface EslintFile {
  filePath?: string;
  messages?: { ruleId?: string | null; message?: string; line?: number; column?: number; fatal?: boolean }[];
}

/** `eslint --format json`: [{ filePath, messages: [{ ruleId, message, line, column }] }]. */
export function parseEslint(json: string): Finding[] {
  const doc = JSON.parse(json) as EslintFile[];
  if (!Array.isArray(doc)) throw new Error('not eslint JSON output (no array)');
  const out: Finding[] = [];
  for (const f of doc) {
    for (const m of f.messages ?? []) {
      const rule = m.ruleId ? ESLINT_RULES[m.ruleId] : undefined;
      if (!rule || !m.ruleId) continue;
      out.push({
        tool: 'eslint',
        ruleId: m.ruleId,
        cwe: rule.cwe,
        severity: rule.severity,
        file: normalizePath(f.filePath ?? ''),
        line: positive(m.line),
        column: positive(m.column),
        message: text(m.message),
        fixHint: defaultFixHint(rule.cwe),
      });
    }
  }
  return out;
}
