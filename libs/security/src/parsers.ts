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
      // srand(time(NULL)) and rand() are how programs draw random numbers; a weakness only where
      // the numbers must be secret, which the source alone does not tell: a note.
      severity: r[iCategory] === 'random' ? 'low' : flawfinderSeverity(Number(r[iLevel] ?? 1)),
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
  // An allocation used unchecked: malloc returns NULL exactly when a size from input is too large.
  'CWE-690': 'high',
  'CWE-457': 'medium',
  'CWE-401': 'medium',
  'CWE-775': 'low',
};

export const GCC_LINE = /^(.+?):(\d+):(\d+): (warning|error): (.*?)((?: \[CWE-\d+\])*) \[-W([\w-]+)(?:=[^\]]*)?\]\s*$/;

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
    // snprintf cutting its output short is the bounded copy doing its job: a note.
    const severity = option === 'format-truncation' ? 'low' : (GCC_SEVERITIES[cwe] ?? 'medium');
    out.push({
      tool: 'gcc-analyzer',
      ruleId: `-W${option}`,
      cwe,
      severity,
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

/**
 * One bandit check: its name, the CWE bandit's documentation gives it (`issue_cwe` in bandit ≥ 1.7.3,
 * its CWEMAP before that), the CWE Bastion files it under when that differs, and Bastion's severity.
 * Bandit sees one call at a time, never where its data comes from, so most checks are notes
 * (`cap` low: the dataflow analyzer, bastion-taint, grades the same call by the data that reaches
 * it and its finding wins the dedupe). Checks of an API or setting that is unsafe whatever the data
 * (verify=False, debug=True, weak ciphers, mktemp) keep a fixed `severity`. Without either, bandit's
 * own severity is used up to medium.
 */
export interface BanditCheck {
  name: string;
  /** The CWE in bandit's documentation. */
  banditCwe: number;
  /** The CWE Bastion reports, when it is more precise than bandit's. */
  cwe?: CweId;
  /** A fixed severity: the weakness does not depend on the data. */
  severity?: Severity;
  /** Bandit's severity, at most this. */
  cap?: Severity;
}

/** Every check of bandit 1.6.2 (Debian bookworm) and of later bandits, by test id. */
export const BANDIT_CHECKS: Readonly<Record<string, BanditCheck>> = {
  B101: { name: 'assert_used', banditCwe: 703 },
  B102: { name: 'exec_used', banditCwe: 78, cwe: 'CWE-95', cap: 'low' },
  B103: { name: 'set_bad_file_permissions', banditCwe: 732, cap: 'high' }, // HIGH only for o+w modes
  B104: { name: 'hardcoded_bind_all_interfaces', banditCwe: 605 },
  B105: { name: 'hardcoded_password_string', banditCwe: 259, cwe: 'CWE-798', cap: 'low' },
  B106: { name: 'hardcoded_password_funcarg', banditCwe: 259, cwe: 'CWE-798', cap: 'low' },
  B107: { name: 'hardcoded_password_default', banditCwe: 259, cwe: 'CWE-798', cap: 'low' },
  B108: { name: 'hardcoded_tmp_directory', banditCwe: 377 },
  B110: { name: 'try_except_pass', banditCwe: 703, cap: 'low' },
  B112: { name: 'try_except_continue', banditCwe: 703, cap: 'low' },
  B113: { name: 'request_without_timeout', banditCwe: 400, cap: 'low' },
  B201: { name: 'flask_debug_true', banditCwe: 94, cwe: 'CWE-215', severity: 'high' },
  B202: { name: 'tarfile_unsafe_members', banditCwe: 22, cap: 'low' },
  B301: { name: 'pickle', banditCwe: 502, cap: 'low' },
  B302: { name: 'marshal', banditCwe: 502, cap: 'low' },
  B303: { name: 'md5', banditCwe: 327, cap: 'low' },
  B304: { name: 'ciphers', banditCwe: 327, severity: 'high' },
  B305: { name: 'cipher_modes', banditCwe: 327, severity: 'high' },
  B306: { name: 'mktemp_q', banditCwe: 377, severity: 'high' },
  B307: { name: 'eval', banditCwe: 78, cwe: 'CWE-95', cap: 'low' },
  B308: { name: 'mark_safe', banditCwe: 79, cap: 'low' },
  B309: { name: 'httpsconnection', banditCwe: 319, cwe: 'CWE-295', cap: 'low' },
  B310: { name: 'urllib_urlopen', banditCwe: 22, cap: 'low' },
  B311: { name: 'random', banditCwe: 330, cwe: 'CWE-338', cap: 'low' },
  B312: { name: 'telnetlib', banditCwe: 319, severity: 'high' },
  B313: { name: 'xml_bad_cElementTree', banditCwe: 20, cwe: 'CWE-776', cap: 'low' },
  B314: { name: 'xml_bad_ElementTree', banditCwe: 20, cwe: 'CWE-776', cap: 'low' },
  B315: { name: 'xml_bad_expatreader', banditCwe: 20, cwe: 'CWE-776', cap: 'low' },
  B316: { name: 'xml_bad_expatbuilder', banditCwe: 20, cwe: 'CWE-776', cap: 'low' },
  B317: { name: 'xml_bad_sax', banditCwe: 20, cwe: 'CWE-776', cap: 'low' },
  B318: { name: 'xml_bad_minidom', banditCwe: 20, cwe: 'CWE-776', cap: 'low' },
  B319: { name: 'xml_bad_pulldom', banditCwe: 20, cwe: 'CWE-776', cap: 'low' },
  B320: { name: 'xml_bad_etree', banditCwe: 20, cwe: 'CWE-611', cap: 'low' },
  B321: { name: 'ftplib', banditCwe: 319, severity: 'high' },
  B322: { name: 'input', banditCwe: 78 },
  B323: { name: 'unverified_context', banditCwe: 295, severity: 'high' },
  B324: { name: 'hashlib_new_insecure_functions', banditCwe: 327, cap: 'low' },
  B325: { name: 'tempnam', banditCwe: 377, severity: 'high' },
  B401: { name: 'import_telnetlib', banditCwe: 319 },
  B402: { name: 'import_ftplib', banditCwe: 319 },
  B403: { name: 'import_pickle', banditCwe: 502 },
  B404: { name: 'import_subprocess', banditCwe: 78 },
  B405: { name: 'import_xml_etree', banditCwe: 20 },
  B406: { name: 'import_xml_sax', banditCwe: 20 },
  B407: { name: 'import_xml_expat', banditCwe: 20 },
  B408: { name: 'import_xml_minidom', banditCwe: 20 },
  B409: { name: 'import_xml_pulldom', banditCwe: 20 },
  B410: { name: 'import_lxml', banditCwe: 20 },
  B411: { name: 'import_xmlrpclib', banditCwe: 20 },
  B412: { name: 'import_httpoxy', banditCwe: 284 },
  B413: { name: 'import_pycrypto', banditCwe: 327 },
  B414: { name: 'import_pycryptodome', banditCwe: 327 },
  B415: { name: 'import_pyghmi', banditCwe: 319 },
  B501: { name: 'request_with_no_cert_validation', banditCwe: 295, severity: 'high' },
  B502: { name: 'ssl_with_bad_version', banditCwe: 327, severity: 'high' },
  B503: { name: 'ssl_with_bad_defaults', banditCwe: 327 },
  B504: { name: 'ssl_with_no_version', banditCwe: 327, cap: 'low' },
  B505: { name: 'weak_cryptographic_key', banditCwe: 326, cap: 'high' }, // HIGH below 1024 bits
  B506: { name: 'yaml_load', banditCwe: 20, cwe: 'CWE-502', cap: 'low' },
  B507: { name: 'ssh_no_host_key_verification', banditCwe: 295, severity: 'high' },
  B508: { name: 'snmp_insecure_version_check', banditCwe: 319 },
  B509: { name: 'snmp_crypto_check', banditCwe: 319 },
  B601: { name: 'paramiko_calls', banditCwe: 78 },
  B602: { name: 'subprocess_popen_with_shell_equals_true', banditCwe: 78, cap: 'low' },
  B603: { name: 'subprocess_without_shell_equals_true', banditCwe: 78 },
  B604: { name: 'any_other_function_with_shell_equals_true', banditCwe: 78 },
  B605: { name: 'start_process_with_a_shell', banditCwe: 78, cap: 'low' },
  B606: { name: 'start_process_with_no_shell', banditCwe: 78 },
  B607: { name: 'start_process_with_partial_path', banditCwe: 78 },
  B608: { name: 'hardcoded_sql_expressions', banditCwe: 89, cap: 'low' },
  B609: { name: 'linux_commands_wildcard_injection', banditCwe: 155, cwe: 'CWE-78' },
  B610: { name: 'django_extra_used', banditCwe: 89, cap: 'low' },
  B611: { name: 'django_rawsql_used', banditCwe: 89, cap: 'low' },
  B612: { name: 'logging_config_insecure_listen', banditCwe: 94 },
  B613: { name: 'trojansource', banditCwe: 838, severity: 'high' },
  B614: { name: 'pytorch_load', banditCwe: 502, cap: 'low' },
  B615: { name: 'huggingface_unsafe_download', banditCwe: 494 },
  B701: { name: 'jinja2_autoescape_false', banditCwe: 94, cwe: 'CWE-79', severity: 'high' },
  B702: { name: 'use_of_mako_templates', banditCwe: 80, cwe: 'CWE-79' },
  B703: { name: 'django_mark_safe', banditCwe: 80, cwe: 'CWE-79', cap: 'low' },
  B704: { name: 'markupsafe_markup_xss', banditCwe: 79, cap: 'low' },
};

/** Bandit test ids → the CWE Bastion files them under (bandit's documented CWE unless Bastion's is more precise). */
export const BANDIT_CWES: Readonly<Record<string, CweId>> = Object.fromEntries(
  Object.entries(BANDIT_CHECKS).map(([id, c]) => [id, c.cwe ?? (`CWE-${c.banditCwe}` as CweId)]),
);

/**
 * Bandit findings Bastion does not report: imports (B401–B415: importing a module is no weakness),
 * assert (B101), calls without a shell (B603, B606, B607), and B322, Python 2's input() (Debian's
 * bandit 1.6 still flags Python 3's harmless input()).
 */
export const BANDIT_IGNORED = new Set([
  'B101',
  'B322',
  'B603',
  'B606',
  'B607',
  ...Object.keys(BANDIT_CHECKS).filter((id) => /^B4\d\d$/.test(id)),
]);

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
const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const atMost = (s: Severity, cap: Severity): Severity =>
  SEVERITY_ORDER.indexOf(s) > SEVERITY_ORDER.indexOf(cap) ? cap : s;

/** Bastion's severity of a bandit result (BANDIT_CHECKS); a low-confidence result goes one step down. */
export function banditSeverity(id: string, banditSeverityText: string | undefined, confidence?: string): Severity {
  const check = BANDIT_CHECKS[id];
  const own = BANDIT_SEVERITIES[banditSeverityText ?? ''] ?? 'medium';
  let severity = check?.severity ?? atMost(own, check?.cap ?? 'medium');
  if (confidence === 'LOW' && severity !== 'low') severity = SEVERITY_ORDER[SEVERITY_ORDER.indexOf(severity) - 1];
  return severity;
}

/**
 * `bandit -f json`: { results: [{ test_id, issue_severity, issue_cwe: { id }, line_number, col_offset (0-based) }] }.
 * A check Bastion does not know keeps bandit's own issue_cwe (newer bandits); without one it is skipped.
 */
export function parseBandit(json: string): Finding[] {
  const doc = JSON.parse(json) as { results?: BanditResult[] };
  if (!doc || !Array.isArray(doc.results)) throw new Error('not bandit JSON output (no results array)');
  const out: Finding[] = [];
  for (const r of doc.results) {
    const id = r.test_id ?? '';
    if (BANDIT_IGNORED.has(id)) continue;
    const cwe =
      (Object.prototype.hasOwnProperty.call(BANDIT_CWES, id) ? BANDIT_CWES[id] : null) ?? normalizeCwe(r.issue_cwe?.id);
    if (!cwe) continue;
    out.push({
      tool: 'bandit',
      ruleId: `${id}${r.test_name ? `:${r.test_name}` : ''}`,
      cwe,
      severity: banditSeverity(id, r.issue_severity, r.issue_confidence),
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
