/**
 * Which class of a Java submission to run. Students name their class whatever their editor did
 * (Kattis takes it from the file name; Codeforces and DMOJ find the public class with `main`):
 * Bastion finds the top-level type that declares `static void main(…)`, the public one when several
 * do. javac wants a public class in a file of its own name, so that class's `public` is blanked out
 * (spaces: every line and column stays where the student wrote it) and the file stays Main.java.
 */
export type JavaEntry = { ok: true; className: string; source: string } | { ok: false; message: string };

const TYPE = /\b(class|interface|enum|record)\s+([A-Za-z_$][\w$]*)/g;
const MAIN = /\bstatic\b[\w\s@<>,[\].]*?\bvoid\s+main\s*\(\s*(?:final\s+)?String\b/;

/** The source with comments, string, char and text-block literals blanked (same length, newlines kept). */
export function blankJavaLiterals(source: string): string {
  const out = source.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to && i < out.length; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  for (let i = 0; i < source.length;) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const to = end < 0 ? source.length : end;
      blank(i, to);
      i = to;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const to = end < 0 ? source.length : end + 2;
      blank(i, to);
      i = to;
    } else if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      const to = end < 0 ? source.length : end + 3;
      blank(i, to);
      i = to;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      blank(i, j + 1);
      i = j + 1;
    } else i++;
  }
  return out.join('');
}

/** The index of the `}` closing the block opened at `open` (a `{`), or the end of the text. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** A block's own text with every nested block blanked: what is declared directly in it. */
function ownMembers(text: string, open: number, close: number): string {
  let depth = 0;
  let own = '';
  for (let i = open + 1; i < close; i++) {
    const c = text[i];
    if (c === '{') depth++;
    own += depth === 0 ? c : ' ';
    if (c === '}') depth--;
  }
  return own;
}

export function javaEntry(source: string): JavaEntry {
  const text = blankJavaLiterals(source);
  const found: { name: string; isPublic: boolean; publicAt: number }[] = [];
  let depth = 0;
  let scanned = 0;
  for (const m of text.matchAll(TYPE)) {
    const at = m.index ?? 0;
    if (at < scanned) continue; // inside a type already looked at
    for (let i = scanned; i < at; i++) depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
    scanned = at;
    if (depth !== 0) continue; // a nested type
    const open = text.indexOf('{', at);
    if (open < 0) break;
    const close = blockEnd(text, open);
    // the modifiers before the keyword, back to the end of the previous declaration
    const before = text.slice(Math.max(text.lastIndexOf('}', at), text.lastIndexOf(';', at), 0), at);
    const pub = /\bpublic\b/.exec(before);
    const publicAt = pub ? at - before.length + pub.index : -1;
    if (MAIN.test(ownMembers(text, open, close))) found.push({ name: m[2], isPublic: !!pub, publicAt });
    scanned = close + 1;
  }
  const publicOnes = found.filter((f) => f.isPublic);
  const entry = publicOnes.length === 1 ? publicOnes[0] : found.length === 1 ? found[0] : null;
  if (!entry) {
    return {
      ok: false,
      message: found.length
        ? `Several classes declare main (${found.map((f) => f.name).join(', ')}): make the one to run public`
        : 'No class declares public static void main(String[] args): the judge runs that method',
    };
  }
  const prepared =
    entry.isPublic && entry.name !== 'Main'
      ? source.slice(0, entry.publicAt) + '      ' + source.slice(entry.publicAt + 'public'.length)
      : source;
  return { ok: true, className: entry.name, source: prepared };
}
