import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cweName, normalizeCwe } from './cwe';
import { isSeverity } from './findings';
import { parseAstGrep } from './parsers';
import { hostAstGrep, RULE_TESTS_DIR, RULES_DIR } from './rules';

interface Rule {
  id: string;
  language: string;
  severity: string;
  message: string;
  rule: unknown;
  metadata: { cwe: string; severity: string; fixHint: string };
}
interface RuleTest {
  id: string;
  valid: string[];
  invalid: string[];
}

const LANGS = ['c', 'cpp', 'python', 'java', 'javascript'];
const EXT: Record<string, string> = { c: 'c', cpp: 'cpp', python: 'py', java: 'java', javascript: 'js' };
const sg = hostAstGrep();
if (!sg) throw new Error('ast-grep binary not found under node_modules/@ast-grep (run npm ci)');

const rules: { file: string; rule: Rule }[] = LANGS.flatMap((lang) =>
  readdirSync(join(RULES_DIR, lang))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => ({
      file: join(RULES_DIR, lang, f),
      rule: parse(readFileSync(join(RULES_DIR, lang, f), 'utf8')) as Rule,
    })),
);
const tests = new Map<string, RuleTest>(
  readdirSync(RULE_TESTS_DIR)
    .filter((f) => f.endsWith('-test.yml'))
    .map((f) => {
      const t = parse(readFileSync(join(RULE_TESTS_DIR, f), 'utf8')) as RuleTest;
      return [t.id, t];
    }),
);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-rules-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function scanSnippet(ruleFile: string, lang: string, code: string) {
  const path = join(dir, `s${n++}.${EXT[lang]}`);
  writeFileSync(path, code);
  // ast-grep exits 1 when an error-level rule matched.
  const r = spawnSync(sg as string, ['scan', '--rule', ruleFile, '--json=stream', '--include-metadata', path], {
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`ast-grep failed: ${r.stderr}`);
  return parseAstGrep(r.stdout);
}

describe('ast-grep rules', () => {
  it('exist for every language', () => {
    for (const lang of LANGS) expect(rules.filter((r) => r.rule.language === lang).length).toBeGreaterThanOrEqual(5);
  });

  it.each(rules.map((r) => [r.rule.id, r]))('%s is complete', (_id, { rule }) => {
    expect(rule.id).toMatch(/^(c|cpp|py|java|js)-[a-z0-9-]+$/);
    expect(['error', 'warning', 'info', 'hint']).toContain(rule.severity);
    expect(rule.message.length).toBeGreaterThan(10);
    expect(rule.rule).toBeTruthy();
    const cwe = normalizeCwe(rule.metadata.cwe);
    expect(cwe).toBe(rule.metadata.cwe);
    expect(cweName(rule.metadata.cwe)).toBeTruthy();
    expect(isSeverity(rule.metadata.severity)).toBe(true);
    expect(rule.metadata.fixHint.length).toBeGreaterThan(10);
  });

  it('has unique ids', () => {
    const ids = rules.map((r) => r.rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the C++ rules in sync with the C rules', () => {
    const c = rules.filter((r) => r.rule.language === 'c');
    for (const { rule } of c) {
      const cpp = rules.find((r) => r.rule.id === rule.id.replace(/^c-/, 'cpp-'));
      expect(cpp).toBeDefined();
      expect({ ...cpp?.rule, id: rule.id, language: 'c' }).toEqual(rule);
    }
    expect(rules.filter((r) => r.rule.language === 'cpp')).toHaveLength(c.length);
  });

  // Each rule fires on every vulnerable snippet of its test file and on none of the safe ones
  // (C rules' snippets are run through the C++ rules too).
  const cases = rules.map(({ file, rule }) => {
    const t = tests.get(rule.id) ?? tests.get(rule.id.replace(/^cpp-/, 'c-'));
    return [rule.id, file, rule, t] as const;
  });
  it.each(cases)('%s fires on vulnerable code and not on safe code', (id, file, rule, t) => {
    expect(t).toBeDefined();
    if (!t) return;
    expect(t.invalid.length).toBeGreaterThan(0);
    expect(t.valid.length).toBeGreaterThan(0);
    for (const code of t.invalid) {
      const found = scanSnippet(file, rule.language, code);
      expect({ code, ids: found.map((f) => f.ruleId) }).toEqual({ code, ids: expect.arrayContaining([id]) });
      expect(found[0]).toMatchObject({ tool: 'ast-grep', cwe: rule.metadata.cwe, severity: rule.metadata.severity });
    }
    for (const code of t.valid) {
      expect({ code, found: scanSnippet(file, rule.language, code) }).toEqual({ code, found: [] });
    }
  });

  it('scans a whole vulnerable program through sgconfig.yml with line numbers', () => {
    const r = spawnSync(
      sg as string,
      ['scan', '--config', join(RULES_DIR, 'sgconfig.yml'), '--json=stream', '--include-metadata', 'vulnerable.c'],
      { cwd: join(__dirname, '__fixtures__'), encoding: 'utf8' },
    );
    const found = parseAstGrep(r.stdout).map((f) => `${f.line}:${f.cwe}:${f.ruleId}`);
    expect(found.sort()).toEqual(
      [
        '8:CWE-242:c-gets',
        '9:CWE-120:c-unbounded-string-copy',
        '10:CWE-120:c-unbounded-string-copy',
        '11:CWE-120:c-unbounded-string-copy',
        '12:CWE-120:c-scanf-unbounded-string',
        '13:CWE-134:c-format-string',
        '14:CWE-78:c-command-injection',
      ].sort(),
    );
  });
});
