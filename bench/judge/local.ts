/**
 * The two baselines, doing a Bastion submission's work with Bastion's own commands: write the
 * source, compile it (gcc with the hardened flags; `python3 -m py_compile`), run the 10 tests,
 * compare the output token by token (Bastion's default checker).
 *   bare  – on the host, no sandbox: the physical floor;
 *   naive – a fresh `docker run --rm --network none <judge image>` for the compile and for each test.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPILE, HOST_PYTHON, IMAGES, Lang, ModeKey, RUN, SOURCE_FILE, TESTS, sourceFor } from './settings';
import { Sample, now } from './stats';

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a process with `input` on stdin; resolves with its output and exit code (null: killed). */
export function exec(
  cmd: string,
  args: string[],
  input: string,
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
    child.stdin.on('error', () => undefined); // a program that exits without reading stdin
    child.stdin.end(input);
  });
}

const tokens = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
const clip = (s: string) => s.trim().replace(/\s+/g, ' ').slice(0, 120);

/** One submission: every test runs (as in Bastion, which does not stop at the first failure). */
async function localSubmission(
  key: ModeKey,
  lang: Lang,
  i: number,
  compile: (dir: string) => Promise<Exit>,
  run: (dir: string, input: string) => Promise<Exit>,
): Promise<Sample> {
  const t = now();
  const dir = mkdtempSync(join(tmpdir(), 'bastion-bench-'));
  try {
    chmodSync(dir, 0o777); // the judge images run as uid 1000
    writeFileSync(join(dir, SOURCE_FILE[lang]), sourceFor(key, lang, i));
    const c = await compile(dir);
    if (c.code !== 0) return { lang, i, ms: now() - t, ok: false, verdict: 'CE', why: clip(c.stderr) };
    const bad: string[] = [];
    for (const [k, tc] of TESTS.entries()) {
      const r = await run(dir, tc.input);
      if (r.code !== 0) bad.push(`test ${k + 1}: RE (exit ${r.code}) ${clip(r.stderr)}`);
      else if (tokens(r.stdout) !== tokens(tc.answer)) bad.push(`test ${k + 1}: WA`);
    }
    const verdict = bad.length ? (bad[0].includes(': RE') ? 'RE' : 'WA') : 'AC';
    return {
      lang,
      i,
      ms: now() - t,
      ok: !bad.length,
      verdict,
      why: bad.length ? `${bad.length} of ${TESTS.length} tests not AC: ${bad.slice(0, 2).join('; ')}` : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** On the host: `python3` is Debian's (as in the judge image), `./main` runs in the work dir. */
const hostCmd = (argv: string[]): [string, string[]] => [argv[0] === 'python3' ? HOST_PYTHON : argv[0], argv.slice(1)];

export const bare =
  (key: ModeKey) =>
  (lang: Lang, i: number): Promise<Sample> =>
    localSubmission(
      key,
      lang,
      i,
      (dir) => exec(...hostCmd(COMPILE[lang]), '', { cwd: dir }),
      (dir, input) => exec(...hostCmd(RUN[lang]), input, { cwd: dir }),
    );

const DOCKER_RUN = ['run', '--rm', '--network', 'none'];
/** `docker run` of Bastion's command in the language's judge image, the work dir mounted at /box. */
const inDocker = (lang: Lang, argv: string[], mount: string, stdin = false) => [
  ...DOCKER_RUN,
  ...(stdin ? ['-i'] : []),
  '-v',
  mount,
  '-w',
  '/box',
  '--entrypoint',
  argv[0],
  IMAGES[lang],
  ...argv.slice(1),
];

export const naive =
  (key: ModeKey) =>
  (lang: Lang, i: number): Promise<Sample> =>
    localSubmission(
      key,
      lang,
      i,
      (dir) => exec('docker', inDocker(lang, COMPILE[lang], `${dir}:/box`), ''),
      (dir, input) => exec('docker', inDocker(lang, RUN[lang], `${dir}:/box:ro`, true), input),
    );
