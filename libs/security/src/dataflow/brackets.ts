import type { Token } from './tokens';

/**
 * matching / matchingBack of tokens.ts in constant time: the bracket pairs of a token array are
 * found once (one pass, one stack per bracket kind, so the answers are the same as the scans')
 * and kept while the array lives.
 */

const OPEN: Readonly<Record<string, number>> = { '(': 0, '[': 1, '{': 2 };
const CLOSE: Readonly<Record<string, number>> = { ')': 0, ']': 1, '}': 2 };
const tables = new WeakMap<readonly Token[], Int32Array>();

function table(tokens: readonly Token[]): Int32Array {
  let pairs = tables.get(tokens);
  if (pairs) return pairs;
  pairs = new Int32Array(tokens.length).fill(-2);
  const stacks: number[][] = [[], [], []];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].t;
    if (tokens[i].kind !== 'op') continue;
    const o = Object.prototype.hasOwnProperty.call(OPEN, t) ? OPEN[t] : -1;
    if (o >= 0) {
      stacks[o].push(i);
      continue;
    }
    const c = Object.prototype.hasOwnProperty.call(CLOSE, t) ? CLOSE[t] : -1;
    if (c < 0) continue;
    const open = stacks[c].pop();
    if (open === undefined) pairs[i] = -1;
    else {
      pairs[open] = i;
      pairs[i] = open;
    }
  }
  for (const s of stacks) for (const open of s) pairs[open] = tokens.length - 1;
  tables.set(tokens, pairs);
  return pairs;
}

/** Index of the bracket that closes the one at `open`, or the last index. */
export function matching(tokens: readonly Token[], open: number): number {
  const p = table(tokens)[open];
  return p === undefined || p < 0 ? tokens.length - 1 : p;
}

/** Index of the bracket that opens the one at `close`, or -1. */
export function matchingBack(tokens: readonly Token[], close: number): number {
  const p = table(tokens)[close];
  return p === undefined || p < 0 ? -1 : p;
}
