/**
 * A public suite as given on the command line: a bare git directory (as `fetch` leaves it under
 * /work/.mirror/…), read with `git ls-tree`/`git show` at HEAD, or an extracted folder. Nothing is
 * copied anywhere: files are read when a case is built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export interface SourceTree {
  /** Where it was read from, and at which commit when it is a git directory. */
  describe(): { path: string; commit: string | null };
  /** Every file path (relative, with `/`) under `prefix`. */
  list(prefix: string): string[];
  read(path: string): string;
}

const git = (dir: string, args: string[]) =>
  execFileSync('git', [`--git-dir=${dir}`, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });

function gitTree(dir: string): SourceTree {
  const commit = git(dir, ['rev-parse', 'HEAD']).trim();
  let all: string[] | null = null;
  return {
    describe: () => ({ path: dir, commit }),
    list(prefix) {
      all ??= git(dir, ['ls-tree', '-r', '--name-only', '-z', commit]).split('\0').filter(Boolean);
      return all.filter((p) => p.startsWith(prefix));
    },
    read: (path) => git(dir, ['show', `${commit}:${path}`]),
  };
}

function folderTree(root: string): SourceTree {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.name === '.git' ? [] : e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  let all: string[] | null = null;
  return {
    describe: () => ({ path: root, commit: null }),
    list(prefix) {
      all ??= walk(root).map((f) => relative(root, f).split('\\').join('/'));
      return all.filter((p) => p.startsWith(prefix));
    },
    read: (path) => readFileSync(join(root, path), 'utf8'),
  };
}

/** Opens `path`: a bare git dir (HEAD + objects/), a repository's .git, or a folder of files. */
export function openTree(path: string): SourceTree {
  const p = resolve(path);
  if (!existsSync(p) || !statSync(p).isDirectory()) throw new Error(`not a folder: ${path}`);
  if (existsSync(join(p, 'HEAD')) && existsSync(join(p, 'objects'))) return gitTree(p);
  return folderTree(p);
}
