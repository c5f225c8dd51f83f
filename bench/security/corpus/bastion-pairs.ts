/**
 * Bastion's own vulnerable/safe pairs, committed beside this file: pairs/<language>/<cwe-N-name>/
 * holds vulnerable.<ext> and safe.<ext> (either may be missing: a safe-only folder is named
 * `none-<name>`). Each is a small program of the kind students write, reading its input from stdin.
 * The end-to-end suite's pairs join them once they live in a module (test/support/security-pairs.ts
 * exporting `PAIRS: { language, cwe, unsafe, safe }[]`); today they sit inside the spec file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchCase, Candidate, Language, LANGUAGES } from './case';

export const PAIRS_DIR = join(__dirname, '..', 'pairs');
const E2E_PAIRS = join(__dirname, '..', '..', '..', 'test', 'support', 'security-pairs.ts');

interface E2ePair {
  language: Language;
  cwe: string;
  unsafe: string;
  safe: string;
}

function e2ePairs(): Candidate[] {
  if (!existsSync(E2E_PAIRS)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, and absent today
  const { PAIRS } = require(E2E_PAIRS) as { PAIRS?: E2ePair[] };
  return (PAIRS ?? []).map((p, k) => {
    const id = `bastion-pairs:e2e/${p.language}/${p.cwe}#${k}`;
    const family = `CWE${Number(/(\d+)/.exec(p.cwe)?.[1])}`;
    const c: BenchCase = {
      id,
      suite: 'bastion-pairs',
      language: p.language,
      family,
      variant: id,
      vulnerable: p.unsafe,
      safe: p.safe,
    };
    return { id, suite: 'bastion-pairs', language: p.language, family, variant: id, build: () => c };
  });
}
const EXT: Record<Language, string> = { c: 'c', cpp: 'cpp', python: 'py', java: 'java', javascript: 'js' };

export function bastionPairCandidates(dir = PAIRS_DIR): Candidate[] {
  const out: Candidate[] = e2ePairs();
  for (const language of LANGUAGES) {
    const langDir = join(dir, language);
    if (!existsSync(langDir)) continue;
    for (const name of readdirSync(langDir).sort()) {
      const m = /^(?:cwe-(\d+)|none)-[\w-]+$/.exec(name);
      if (!m) throw new Error(`pairs/${language}/${name}: name it cwe-<n>-<what> or none-<what>`);
      const read = (twin: string) => {
        const f = join(langDir, name, `${twin}.${EXT[language]}`);
        return existsSync(f) ? readFileSync(f, 'utf8') : null;
      };
      const id = `bastion-pairs:${language}/${name}`;
      const family = m[1] ? `CWE${m[1]}` : 'none';
      const c: BenchCase = {
        id,
        suite: 'bastion-pairs',
        language,
        family,
        variant: id,
        vulnerable: read('vulnerable'),
        safe: read('safe'),
      };
      if (!c.vulnerable && !c.safe) throw new Error(`pairs/${language}/${name} holds no program`);
      out.push({ id, suite: 'bastion-pairs', language, family, variant: id, build: () => c });
    }
  }
  return out;
}
