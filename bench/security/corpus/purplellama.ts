/**
 * meta-llama/PurpleLlama, CodeShield's insecure-code-detector test cases:
 *   - the semgrep rule tests, CodeShield/insecure_code_detector/rules/semgrep/{python,javascript}/**.{py,js}:
 *     each `ruleid:` statement is a vulnerable case, each `ok:` statement a safe-only case; the CWE is
 *     the `cwe_id` of the rule file beside it (see annotated.ts);
 *   - the Python regex tests, tests/test_python_insecure_code_detector.py: `("<snippet>", <count>)`;
 *     a snippet expected to match is a vulnerable case with the CWE of the regex rule it matches
 *     (rules/regex/python.yaml), one expected to match nothing a safe-only case.
 * The rule tests are not pairs: a vulnerable and a safe statement of one file are separate cases.
 */
import { parse } from 'yaml';
import { annotatedPrograms, ScriptLanguage, stripPythonComments } from './annotated';
import { BenchCase, Candidate } from './case';
import { SourceTree } from './tree';

const ROOT = 'CodeShield/insecure_code_detector/';
const RULE_TEST = /^CodeShield\/insecure_code_detector\/rules\/semgrep\/(python|javascript)\/(.*)\.(py|js)$/;

/** Rule id → CWE (`metadata.cwe_id`, else the first CWE its metadata names) of a semgrep rule file. */
function ruleCwes(text: string): Map<string, string | undefined> {
  const doc = parse(text) as { rules?: { id: string; metadata?: Record<string, unknown> }[] } | null;
  return new Map(
    (doc?.rules ?? []).map((r) => [
      r.id,
      /CWE-\d+/.exec(String(r.metadata?.cwe_id ?? JSON.stringify(r.metadata ?? {})))?.[0],
    ]),
  );
}

const family = (cwe: string | undefined) => (cwe ? `CWE${Number(/(\d+)/.exec(cwe)![1])}` : 'none');

export function purpleLlamaCandidates(tree: SourceTree): Candidate[] {
  const out: Candidate[] = [];
  const files = tree.list(ROOT);
  for (const path of files) {
    const m = RULE_TEST.exec(path);
    if (!m) continue;
    const language = m[1] as ScriptLanguage;
    const rules = path.replace(/\.(py|js)$/, '.yaml');
    if (!files.includes(rules)) continue;
    const cweOf = ruleCwes(tree.read(rules));
    for (const a of annotatedPrograms(tree.read(path), language)) {
      const cwe = cweOf.get(a.rule);
      const id = `purplellama:${language}/${m[2]}#${a.index}`;
      const c: BenchCase = {
        id,
        suite: 'purplellama',
        language,
        family: family(cwe),
        variant: `${language}/${m[2]}`,
        vulnerable: a.kind === 'ruleid' ? a.program : null,
        safe: a.kind === 'ok' ? a.program : null,
      };
      out.push({ id, suite: 'purplellama', language, family: c.family, variant: c.variant, build: () => c });
    }
  }
  const tests = `${ROOT}tests/test_python_insecure_code_detector.py`;
  const regexRules = `${ROOT}rules/regex/python.yaml`;
  if (files.includes(tests) && files.includes(regexRules)) {
    const rules = (parse(tree.read(regexRules)) as { cwe_id: string; rule: string }[]).map((r) => ({
      cwe: r.cwe_id,
      re: new RegExp(r.rule),
    }));
    const snippets = [...tree.read(tests).matchAll(/\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*,\s*(\d+)\s*\)/g)];
    snippets.forEach(([, literal, count], k) => {
      const snippet = literal.slice(1, -1).replace(/\\(["'\\])/g, '$1');
      const program = stripPythonComments(snippet);
      const vulnerable = Number(count) > 0;
      const cwe = vulnerable ? rules.find((r) => r.re.test(snippet))?.cwe : undefined;
      const id = `purplellama:python/regex-tests#${k}`;
      const c: BenchCase = {
        id,
        suite: 'purplellama',
        language: 'python',
        family: family(cwe),
        variant: 'python/regex-tests',
        vulnerable: vulnerable ? program : null,
        safe: vulnerable ? null : program,
      };
      out.push({ id, suite: 'purplellama', language: 'python', family: c.family, variant: c.variant, build: () => c });
    });
  }
  return out;
}
