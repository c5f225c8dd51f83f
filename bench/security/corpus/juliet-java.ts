/**
 * NIST Juliet Java 1.3 (find-sec-bugs/juliet-test-suite): each single-file test case becomes a
 * `Main` class holding only its bad methods (main calls bad) and a safe twin holding only its good
 * methods (main calls good), comments stripped and label names neutralised, with our IO shim.
 *
 * Selection, by pattern only:
 *   - src/testcases/CWE<n>_<Name>/[sNN/]CWE<n>_<Name>__<variant>_<NN>.java (one file per case);
 *   - the CWE folder is a family in families.ts;
 *   - the data source is one a judge can drive (console_readLine reads stdin; the rest use
 *     constants): no token connect, listen, tcp, URLConnection, database, PropertiesFile, File,
 *     Environment, Property, getCookies, getParameter, getQueryString, Servlet, random, rand;
 *   - the class `extends AbstractTestCase` (not a servlet, bad-only or class-based case).
 */
import { BenchCase, Candidate, declaredIncidental } from './case';
import { renameIdentifiers, stripComments, tidy } from './c-like';
import { JAVA_IO_SHIM } from './juliet-java-shim';
import { neutralize } from './neutralize';
import { SourceTree } from './tree';

const FILE = /^src\/testcases\/(CWE(\d+)_\w+?)\/(?:s\d+\/)?((CWE\d+)_\w+?__(\w+)_(\d\d))\.java$/;
export const UNDRIVABLE_JAVA = [
  'connect', 'listen', 'tcp', 'URLConnection', 'database', 'PropertiesFile', 'File', 'Environment',
  'Property', 'getCookies', 'getParameter', 'getQueryString', 'Servlet', 'random', 'rand',
]; // prettier-ignore

export function julietJavaCandidates(tree: SourceTree, families: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  for (const path of tree.list('src/testcases/')) {
    const m = FILE.exec(path);
    if (!m) continue;
    const [, , cwe, stem, , variant] = m;
    const family = `CWE${cwe}`;
    if (!families.has(family) || variant.split('_').some((t) => UNDRIVABLE_JAVA.includes(t))) continue;
    const id = `juliet-java:${stem}`;
    out.push({
      id,
      suite: 'juliet-java',
      language: 'java',
      family,
      variant: `${family}/${variant}`,
      build: () => julietJavaCase(tree.read(path), stem, id, family, variant),
    });
  }
  return out;
}

/** Index of the brace that closes the one at `open` (literals skipped; comments already gone). */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      for (i++; i < src.length && src[i] !== c; i += src[i] === '\\' ? 2 : 1);
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** A member's name: the identifier before its parameter list, or before its initializer. */
function memberName(head: string): string {
  const h = head.replace(/@\w+(\([^)]*\))?/g, '');
  const paren = h.indexOf('(');
  const eq = h.indexOf('=');
  const cut = paren >= 0 && (eq < 0 || paren < eq) ? paren : eq >= 0 ? eq : h.length;
  return /(\w+)\s*$/.exec(h.slice(0, cut))?.[1] ?? '';
}

/** A class body's members (fields, methods, initialisers) as text, each with its name. */
export function members(body: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' || c === "'") {
      for (i++; i < body.length && body[i] !== c; i += body[i] === '\\' ? 2 : 1);
      continue;
    }
    if (c !== '{' && c !== ';') continue;
    const head = body.slice(start, i);
    if (c === '{') {
      const end = closing(body, i);
      if (end < 0) throw new Error('unbalanced braces');
      i = end;
      if (head.includes('=')) continue; // an initializer ({…} or an anonymous class): runs to its ';'
    }
    const text = body.slice(start, i + 1).trim();
    if (text && text !== ';') {
      out.push({ name: memberName(head), text });
    }
    start = i + 1;
  }
  return out;
}

export function julietJavaCase(raw: string, stem: string, id: string, family: string, variant: string) {
  const src = stripComments(raw.replace(/\r\n?/g, '\n'));
  const header = new RegExp(`public\\s+class\\s+${stem}\\s+extends\\s+AbstractTestCase\\s*\\{`).exec(src);
  if (!header) return { skip: 'not a bad/good AbstractTestCase' };
  const open = header.index + header[0].length - 1;
  const end = closing(src, open);
  const imports = src
    .slice(0, header.index)
    .split('\n')
    .filter((l) => /^\s*import\s/.test(l) && !/testcasesupport|javax\.servlet/.test(l));
  const all = members(src.slice(open + 1, end));
  const program = (part: 'bad' | 'good') => {
    const other = part === 'bad' ? /^good/i : /^bad/i;
    const kept = all.filter((m) => m.name !== 'main' && !other.test(m.name));
    if (!kept.some((m) => m.name === part)) return null;
    const text = [...imports, '', `public class Main {`, ...kept.map((m) => `    ${m.text}`), '}', ''].join('\n');
    const { text: neutral, names } = neutralize(renameIdentifiers(text, (n) => (n === stem ? 'Main' : null)));
    const main = `    public static void main(String[] args) throws Throwable {\n        new Main().${names.get(part)}();\n    }\n}`;
    return tidy(`${neutral.replace(/\}\s*$/, '')}\n${main}\n${JAVA_IO_SHIM}`);
  };
  const vulnerable = program('bad');
  const safe = program('good');
  if (!vulnerable || !safe) return { skip: 'no bad or good method' };
  const incidental = declaredIncidental(raw);
  const c: BenchCase = { id, suite: 'juliet-java', language: 'java', family, variant, vulnerable, safe, incidental };
  return c;
}
