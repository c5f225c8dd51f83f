import { cweUrl } from './cwe';
import { Finding, runEvidence, Severity, SEVERITIES, SEVERITY_RANK } from './findings';
import { DEFAULT_POLICY, SecurityPolicy } from './policy-shape';

export { DEFAULT_POLICY };
export type { SecurityPolicy };

export interface SecurityOutcome {
  /**
   * `unanalysed`: the program did not compile (or parse), so the checks that need a build never
   * ran and nothing proves it safe; it is never shown as secure.
   */
  verdict: 'secure' | 'vulnerable' | 'unanalysed';
  score: number;
  maxScore: number;
  findings: Finding[];
}

/**
 * Points a finding costs out of 100. Low findings are advice only (flawfinder flags every fixed-size
 * array, LeakSanitizer every buffer left to the exit): reported, never scored, so safe code keeps full marks.
 */
export const SEVERITY_PENALTY: Readonly<Record<Severity, number>> = { low: 0, medium: 10, high: 25, critical: 40 };

/** Reads and checks a `security:` mapping; throws an Error whose message names the bad key. */
export function parsePolicy(raw: unknown): SecurityPolicy {
  if (raw === undefined || raw === null) return { ...DEFAULT_POLICY };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('security must be a mapping');
  const r = raw as Record<string, unknown>;
  const p = { ...DEFAULT_POLICY };
  if (r.weight !== undefined) {
    const w = Number(r.weight);
    if (!Number.isFinite(w) || w < 0 || w > 1) throw new Error('security.weight must be a number from 0 to 1');
    p.weight = w;
  }
  for (const key of ['static', 'sanitizers'] as const) {
    if (r[key] !== undefined) {
      if (typeof r[key] !== 'boolean') throw new Error(`security.${key} must be true or false`);
      p[key] = r[key];
    }
  }
  const names = (key: string, v: unknown): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !/^[A-Za-z_][\w.:-]{0,100}$/.test(x))) {
      throw new Error(`security.${key} must be a list of names`);
    }
    return v as string[];
  };
  p.bannedApis = names('bannedApis', r.bannedApis);
  const rules = r.rules as { disable?: unknown } | undefined;
  p.disabledRules = names('rules.disable', rules?.disable);
  if (r.failOn !== undefined) {
    if (r.failOn !== 'none' && !(SEVERITIES as readonly unknown[]).includes(r.failOn)) {
      throw new Error(`security.failOn must be one of none, ${SEVERITIES.join(', ')}`);
    }
    p.failOn = r.failOn as SecurityPolicy['failOn'];
  }
  return p;
}

/** Calls of banned functions, found by name outside comments and strings (a lexical check, by design). */
export function bannedApiFindings(source: string, file: string, banned: string[]): Finding[] {
  if (!banned.length) return [];
  const stripped = source
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(\/\/|#).*$/gm, (m) => ' '.repeat(m.length))
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => ' '.repeat(m.length));
  const found: Finding[] = [];
  stripped.split('\n').forEach((text, i) => {
    for (const name of banned) {
      const re = new RegExp(`(^|[^\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\(`, 'g');
      for (let m = re.exec(text); m; m = re.exec(text)) {
        found.push({
          tool: 'bastion',
          ruleId: `banned-api.${name}`,
          cwe: 'CWE-676',
          severity: 'high',
          file,
          line: i + 1,
          column: m.index + m[1].length + 1,
          message: `${name}() is banned in this problem`,
          fixHint: `Solve it without ${name}(); see ${cweUrl(676)}`,
        });
      }
    }
  });
  return found;
}

/**
 * The security half of the grade: 100 minus a penalty per finding (floor 0); `vulnerable` when a
 * finding reaches the policy's failOn severity. A program that could not be analysed (`analysed`
 * false: it did not compile) and shows no such finding is `unanalysed`, with a score of 0.
 */
export function securityOutcome(
  findings: Finding[],
  policy: SecurityPolicy,
  { analysed = true }: { analysed?: boolean } = {},
): SecurityOutcome {
  const kept = findings.filter((f) => !policy.disabledRules.some((r) => f.ruleId === r || f.ruleId.endsWith(`.${r}`)));
  const penalty = kept.reduce((s, f) => s + SEVERITY_PENALTY[f.severity], 0);
  const failing =
    policy.failOn !== 'none' && kept.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[policy.failOn as Severity]);
  return {
    verdict: failing ? 'vulnerable' : analysed ? 'secure' : 'unanalysed',
    score: failing || analysed ? Math.max(0, 100 - penalty) : 0,
    maxScore: 100,
    findings: kept,
  };
}

/** The submission's score: functional and security parts weighted by the policy. */
export function combinedScore(functional: number, security: number, weight: number): number {
  return Math.round(((1 - weight) * functional + weight * security) * 100) / 100;
}

/** The first forbidden string the output contains, or null. */
export function forbiddenOutput(output: Buffer, forbidden: readonly string[]): string | null {
  if (!forbidden.length) return null;
  const text = output.toString('utf8');
  return forbidden.find((f) => text.includes(f)) ?? null;
}

const ATTACK_OUTCOMES: Record<string, string> = {
  WA: 'gave a wrong or forbidden answer',
  RE: 'crashed',
  TLE: 'hung (time limit)',
  MLE: 'exhausted memory',
  OLE: 'flooded its output',
};

/**
 * A failed attack test as a finding: the program does not hold up against hostile input (CWE-20).
 * It says which attack test failed and how, never what was expected or what was forbidden: an
 * attack test's answer and forbidden strings are hidden, like a secret test's.
 */
export function attackFinding(test: string, verdict: string, printedForbidden: boolean, file: string): Finding {
  const how = printedForbidden ? 'printed output the problem forbids' : (ATTACK_OUTCOMES[verdict] ?? verdict);
  return {
    tool: 'attack-test',
    ruleId: `attack.${test.replace(/^attack\//, '')}`,
    cwe: 'CWE-20',
    severity: verdict === 'RE' || printedForbidden ? 'critical' : 'high',
    file,
    line: 0,
    column: 0,
    message: `On the attack input ${test} the program ${how}`,
    fixHint:
      'Validate the input: check lengths and ranges, reject what you do not expect, never pass it to a shell or an interpreter.',
    evidence: runEvidence(test),
  };
}

/**
 * Accepted: functionally AC and not vulnerable under the problem's policy. The one definition,
 * used by the API's views and list, the webhook payload and (as acceptedSql) the gradebook.
 */
export function isAccepted(verdict: string | null, security: Pick<SecurityOutcome, 'verdict'> | null): boolean {
  return verdict === 'AC' && security?.verdict !== 'vulnerable';
}

/**
 * isAccepted() as a PostgreSQL boolean expression over a submissions row aliased `alias` (its
 * `verdict` and jsonb `security` columns); the integration spec proves the two agree.
 */
export function acceptedSql(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return `(${alias}.verdict IS NOT DISTINCT FROM 'AC' AND (${alias}.security ->> 'verdict') IS DISTINCT FROM 'vulnerable')`;
}
