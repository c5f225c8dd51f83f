/**
 * Before a case is judged, both its programs must build with the judge's own toolchain flags
 * (the host has Debian's gcc 12 and OpenJDK 17, as the judge images do): a case our shim cannot
 * support would only measure a compile error. C/C++ are checked with `-fsyntax-only`, one process
 * per program; Java in one `javac` run per batch, each program renamed apart. Python and JavaScript
 * are not checked here: a program the judge cannot compile is judged and reported as CE.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LANGUAGES } from '../../libs/contracts/src/languages';
import { renameIdentifiers } from './corpus/c-like';
import { BenchCase } from './corpus/case';

const run = promisify(execFile);

async function pool<T>(items: T[], n: number, f: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await f(items[next++]);
    }),
  );
}

const programs = (c: BenchCase) =>
  (['vulnerable', 'safe'] as const).flatMap((twin) => (c[twin] === null ? [] : [{ twin, text: c[twin]! }]));

/** The compile flags of the judge, minus output and source (`-o main main.c`), plus -fsyntax-only. */
function syntaxCheck(language: 'c' | 'cpp'): { cmd: string; args: string[] } {
  const [cmd, ...args] = LANGUAGES[language].compile!;
  const o = args.indexOf('-o');
  const kept = args.filter((a, i) => i !== o && i !== o + 1 && !/^main\.(c|cpp)$/.test(a) && a !== '-lm');
  return { cmd, args: [...kept, '-fsyntax-only'] };
}

async function checkC(cases: BenchCase[], dir: string, out: Map<string, string | null>): Promise<void> {
  const jobs = cases.flatMap((c) => programs(c).map((p) => ({ c, ...p })));
  await pool(
    jobs.map((j, k) => ({ ...j, k })),
    cpus().length,
    async (j) => {
      const lang = j.c.language as 'c' | 'cpp';
      const file = join(dir, `p${j.k}.${lang}`);
      writeFileSync(file, j.text);
      const { cmd, args } = syntaxCheck(lang);
      try {
        await run(cmd, [...args, file], { timeout: 60_000 });
      } catch (e) {
        const first = String((e as { stderr?: string }).stderr ?? e).match(/error: .*/)?.[0] ?? 'failed';
        if (!out.get(j.c.id)) out.set(j.c.id, `does not compile: ${j.twin}: ${first}`);
      }
    },
  );
}

async function checkJava(cases: BenchCase[], dir: string, out: Map<string, string | null>): Promise<void> {
  const files = new Map<string, { c: BenchCase; twin: string }>();
  cases.forEach((c, i) =>
    programs(c).forEach((p, k) => {
      const cls = `Main${i}x${k}`;
      const text = renameIdentifiers(p.text, (id) => (id === 'Main' ? cls : id === 'IO' ? `IO${i}x${k}` : null));
      const file = join(dir, `${cls}.java`);
      writeFileSync(file, text);
      files.set(file, { c, twin: p.twin });
    }),
  );
  // javac may stop before it reaches some files' errors: drop the failing files and run again
  for (let round = 0; files.size && round < 6; round++) {
    const args = ['-encoding', 'UTF-8', '-Xmaxerrs', '100000', '-nowarn', '-d', join(dir, 'classes'), ...files.keys()];
    try {
      await run('javac', args, { timeout: 600_000, maxBuffer: 64 * 2 ** 20 });
      return;
    } catch (e) {
      const stderr = String((e as { stderr?: string }).stderr ?? '');
      const failed = [...stderr.matchAll(/^(\S+\.java):\d+: error: (.*)$/gm)];
      if (!failed.length) throw e;
      for (const [, file, message] of failed) {
        const f = files.get(file);
        if (f && !out.get(f.c.id)) out.set(f.c.id, `does not compile: ${f.twin}: ${message}`);
      }
      for (const [file, f] of [...files]) if (out.get(f.c.id)) files.delete(file);
    }
  }
}

/** Verdicts already reached, by a hash of the case's programs (they are derived deterministically). */
const CACHE = join(tmpdir(), 'bastion-bench-security-builds');
const key = (c: BenchCase) => createHash('sha256').update(`${c.language}\0${c.vulnerable}\0${c.safe}`).digest('hex');

/** For each case: null when both programs build, else why not. */
export async function checkBuilds(cases: BenchCase[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>(cases.map((c) => [c.id, null]));
  mkdirSync(CACHE, { recursive: true });
  const known = (c: BenchCase) => existsSync(join(CACHE, key(c)));
  for (const c of cases.filter(known)) out.set(c.id, readFileSync(join(CACHE, key(c)), 'utf8') || null);
  const todo = cases.filter((c) => !known(c));
  const dir = mkdtempSync(join(tmpdir(), 'bench-security-build-'));
  try {
    await checkC(
      todo.filter((c) => c.language === 'c' || c.language === 'cpp'),
      dir,
      out,
    );
    await checkJava(
      todo.filter((c) => c.language === 'java'),
      dir,
      out,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const c of todo) writeFileSync(join(CACHE, key(c)), out.get(c.id) ?? '');
  return out;
}
