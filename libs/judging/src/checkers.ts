import { BuiltinChecker } from '@bastion/contracts';

export interface CheckResult {
  ok: boolean;
  message: string;
}

const tokenize = (text: string): string[] => text.split(/\s+/).filter((t) => t.length > 0);
const show = (t: string | undefined): string => (t === undefined ? 'end of output' : `"${t.slice(0, 40)}"`);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function floatEqual(expected: string, got: string, absTol: number, relTol: number): boolean {
  if (!NUMBER.test(expected) || !NUMBER.test(got)) return expected === got;
  const e = Number(expected);
  const g = Number(got);
  const diff = Math.abs(e - g);
  return diff <= absTol || diff <= relTol * Math.abs(e);
}

function compareTokens(answer: string, output: string, same: (a: string, b: string) => boolean): CheckResult {
  const want = tokenize(answer);
  const got = tokenize(output);
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    if (want[i] === undefined || got[i] === undefined || !same(want[i], got[i])) {
      return { ok: false, message: `token ${i + 1}: expected ${show(want[i])}, got ${show(got[i])}` };
    }
  }
  return { ok: true, message: '' };
}

/**
 * Compares a program's output with the answer, outside the sandbox.
 * tokens: Kattis' default (whitespace-insensitive, case-sensitive); exact: identical text except for
 * CRLF line ends and one trailing newline; float: tokens, numbers within absolute or relative tolerance.
 */
export function check(spec: BuiltinChecker, answer: Buffer | string, output: Buffer | string): CheckResult {
  const a = answer.toString();
  const o = output.toString();
  switch (spec.type) {
    case 'tokens':
      return compareTokens(a, o, (x, y) => x === y);
    case 'case-insensitive':
      return compareTokens(a, o, (x, y) => x.toLowerCase() === y.toLowerCase());
    case 'float':
      return compareTokens(a, o, (x, y) => floatEqual(x, y, spec.absTol, spec.relTol));
    case 'exact': {
      const norm = (s: string) => s.replace(/\r\n/g, '\n').replace(/\n$/, '');
      if (norm(a) === norm(o)) return { ok: true, message: '' };
      const [na, no] = [norm(a).split('\n'), norm(o).split('\n')];
      const line = na.findIndex((l, i) => l !== no[i]);
      const at = line === -1 ? na.length : line;
      return { ok: false, message: `line ${at + 1}: expected ${show(na[at])}, got ${show(no[at])}` };
    }
  }
}
