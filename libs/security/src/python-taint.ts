import { CweId, defaultFixHint, normalizeCwe } from './cwe';
import { Finding, isSeverity } from './findings';

/**
 * Bastion's source-to-sink analyzer for Python (judge-images/python/taint/bastion_taint.py, stdlib
 * only). It follows untrusted data (input(), sys.stdin, sys.argv, os.environ, web requests, sockets,
 * parameters of functions nothing in the file calls) through assignments, string building,
 * containers, calls and returns to the sinks, and grades each finding by that evidence: high or
 * critical when input reaches the sink or the API is unsafe whatever the data, medium for a risky
 * call on computed data, low for one on a constant.
 */

/** The analyzer in the python judge image, precompiled at build time (judge-images/python/Dockerfile). */
export const BASTION_TAINT = '/opt/bastion/taint/bastion_taint.pyc';
/** Its argv: isolated mode (no environment, no user site, the submission's directory not on the path). */
export const bastionTaintArgv = (sourceFile: string) => ['python3', '-I', '-S', BASTION_TAINT, sourceFile];
export const BASTION_TAINT_TOOL = 'bastion-taint';

interface TaintFinding {
  rule?: unknown;
  cwe?: unknown;
  severity?: unknown;
  line?: unknown;
  column?: unknown;
  message?: unknown;
  fix?: unknown;
}

const positive = (n: unknown): number =>
  typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), 10_000_000) : 1;
const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

/**
 * The analyzer's JSON: `{ tool: "bastion-taint", version: 1, findings: [{ rule, cwe, severity, line,
 * column, message, fix }], incomplete: null | "why" }`. Entries it cannot read are skipped; an
 * analysis that stopped early adds a low note saying so; anything else than that document throws.
 */
export function parsePythonTaint(json: string): Finding[] {
  const doc = JSON.parse(json) as { tool?: unknown; findings?: unknown; incomplete?: unknown };
  if (!doc || typeof doc !== 'object' || doc.tool !== BASTION_TAINT_TOOL || !Array.isArray(doc.findings)) {
    throw new Error('not bastion-taint JSON output (no tool/findings)');
  }
  const out: Finding[] = [];
  for (const raw of doc.findings as TaintFinding[]) {
    if (!raw || typeof raw !== 'object') continue;
    const cwe = normalizeCwe(raw.cwe);
    const rule = str(raw.rule, 100);
    if (!cwe || !/^[a-z0-9-]+$/.test(rule) || !isSeverity(raw.severity)) continue;
    out.push({
      tool: BASTION_TAINT_TOOL,
      ruleId: `${BASTION_TAINT_TOOL}.${rule}`,
      cwe,
      severity: raw.severity,
      file: '',
      line: positive(raw.line),
      column: positive(raw.column),
      message: str(raw.message, 2000),
      fixHint: str(raw.fix, 2000) || defaultFixHint(cwe),
    });
  }
  if (typeof doc.incomplete === 'string' && doc.incomplete) {
    const cwe: CweId = 'CWE-710';
    out.push({
      tool: BASTION_TAINT_TOOL,
      ruleId: `${BASTION_TAINT_TOOL}.incomplete`,
      cwe,
      severity: 'low',
      file: '',
      line: 1,
      column: 1,
      message: `The dataflow analysis stopped early (${doc.incomplete.slice(0, 200)}); weaknesses past that point may be missing.`,
      fixHint: 'Split very long or deeply nested code into smaller functions.',
    });
  }
  return out;
}
