/**
 * NIST Juliet C/C++ 1.3 (arichardson/juliet-test-suite-c): each single-file test case becomes a
 * vulnerable program (only its bad part, main calls the bad function) and a safe twin (only its
 * good part, main calls the good function), comments stripped and label names neutralised.
 *
 * Selection, by pattern only:
 *   - testcases/CWE<n>_<Name>/[sNN/]CWE<n>_<Name>__<variant>_<NN>.c|.cpp — two digits and no letter
 *     after them: a test case in one file (flow variants 01–45; 5x–8x span several files);
 *   - the CWE folder is a family in families.ts;
 *   - the data source is one a judge can drive: no token (the name split on `_`) w32, connect,
 *     listen, socket, environment, file, rand or random, none starting with w32 (those read the
 *     network, the environment, a file or rand(), or call Windows APIs, none of which a judged
 *     program can be given); fgets/fscanf/console read stdin, the rest use constants;
 *   - it includes no local header but std_testcase.h, and defines the bad and good entry points.
 */
import { BenchCase, Candidate, declaredIncidental, Language } from './case';
import { identifiers, resolveConditionals, stripComments, tidy } from './c-like';
import { julietShim } from './juliet-c-shim';
import { neutralize } from './neutralize';
import { SourceTree } from './tree';

const FILE = /^testcases\/(CWE(\d+)_\w+?)\/(?:s\d+\/)?((CWE\d+)_\w+?__(\w+)_(\d\d))\.(c|cpp)$/;
export const UNDRIVABLE_SOURCES = ['w32', 'connect', 'listen', 'socket', 'environment', 'file', 'rand', 'random'];

export function julietCCandidates(tree: SourceTree, families: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  for (const path of tree.list('testcases/')) {
    const m = FILE.exec(path);
    if (!m) continue;
    const [, , cwe, stem, , variant, , ext] = m;
    const family = `CWE${cwe}`;
    if (!families.has(family)) continue;
    if (variant.split('_').some((t) => UNDRIVABLE_SOURCES.includes(t) || t.startsWith('w32'))) continue;
    const language: Language = ext === 'cpp' ? 'cpp' : 'c';
    out.push({
      id: `juliet-c:${stem}`,
      suite: 'juliet-c',
      language,
      family,
      variant: `${family}/${variant}/${ext}`,
      build: () => julietCCase(tree.read(path), stem, language, `juliet-c:${stem}`, family, variant),
    });
  }
  return out;
}

export function julietCCase(
  raw: string,
  stem: string,
  language: Language,
  id: string,
  family: string,
  variant: string,
): BenchCase | { skip: string } {
  const local = [...raw.matchAll(/^\s*#\s*include\s*"([^"]+)"/gm)].map((m) => m[1]);
  const foreign = local.filter((h) => h !== 'std_testcase.h' && h !== 'std_testcase_io.h');
  if (foreign.length) return { skip: `includes ${foreign.join(', ')}` };
  const cpp = language === 'cpp';
  const body = raw.replace(/\r\n?/g, '\n').replace(/^\s*#\s*include\s*"std_testcase(_io)?\.h".*$/gm, '');
  const vulnerable = twin(body, stem, cpp, 'bad');
  const safe = twin(body, stem, cpp, 'good');
  if ('skip' in vulnerable) return vulnerable;
  if ('skip' in safe) return safe;
  const incidental = declaredIncidental(raw);
  return { id, suite: 'juliet-c', language, family, variant, vulnerable: vulnerable.text, safe: safe.text, incidental };
}

/** One twin: the `part` ('bad' or 'good') of the test case as a whole program. */
export function twin(
  body: string,
  stem: string,
  cpp: boolean,
  part: 'bad' | 'good',
): { text: string } | { skip: string } {
  const kept = resolveConditionals(body, (d) => {
    if (d === 'ifndef OMITBAD') return part === 'bad';
    if (d === 'ifndef OMITGOOD') return part === 'good';
    if (d === 'ifdef INCLUDEMAIN') return false;
    return null;
  });
  const code = stripComments(kept);
  const { text, names } = neutralize(code);
  const entry = names.get(cpp ? part : `${stem}_${part}`);
  const ns = cpp ? names.get(stem) : undefined;
  if (!entry || (cpp && !ns)) return { skip: `no ${part} entry point` };
  const used = new Set(identifiers(text));
  const setArgs = [
    used.has('globalArgc') ? '  globalArgc = argc;' : '  (void)argc;',
    used.has('globalArgv') ? '  globalArgv = argv;' : '  (void)argv;',
  ];
  const main = [
    'int main(int argc, char *argv[]) {',
    ...setArgs,
    `  ${ns ? `${ns}::` : ''}${entry}();`,
    '  return 0;',
    '}',
  ];
  return { text: tidy(`${julietShim(used, cpp)}\n\n${text}\n${main.join('\n')}`) };
}
