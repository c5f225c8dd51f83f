import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';

/** How deep a JSON body may nest; Bastion's own bodies nest four levels at most. */
export const MAX_JSON_DEPTH = 64;

const tooDeep = () =>
  new ApiError(
    400,
    'JSON_TOO_DEEP',
    `The request body nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`,
  );

/** Whether JSON text nests deeper than `max`, counted over the raw bytes before anything parses them. */
export function nestsDeeperThan(json: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      // A backslash escapes the byte after it; a quote ends the string.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * body-parser's `verify` hook: refuses a deeply nested body (400 JSON_TOO_DEEP) before JSON.parse,
 * class-transformer and class-validator, whose recursion 10,000 levels would overflow.
 */
export function refuseDeepJson(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw Object.assign(tooDeep(), { status: 400, type: 'entity.too.deep' });
}

/** What findProblem reports: where, and what is wrong there. */
interface Problem {
  at: string;
  what: string;
}

/**
 * The first string (or key) holding U+0000 in a body or query, or (query only) a number beyond
 * ±Number.MAX_SAFE_INTEGER. Iterative, so no input can overflow the stack.
 */
export function findProblem(value: unknown, root: string, numbers: boolean): Problem | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === 'string') {
      if (v.includes('\0')) return { at: path, what: 'must not contain NUL characters (U+0000)' };
    } else if (typeof v === 'number') {
      if (numbers && Math.abs(v) > Number.MAX_SAFE_INTEGER)
        return { at: path, what: `must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` };
    } else if (v && typeof v === 'object') {
      if (depth > MAX_JSON_DEPTH) throw tooDeep();
      for (const [k, child] of Object.entries(v)) {
        const at = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        if (k.includes('\0')) return { at, what: 'must not contain NUL characters (U+0000)' };
        stack.push([child, at, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * Global rules for every body and query, after the DTOs have validated and converted them, so that
 * nothing reaches a query that PostgreSQL refuses with an error: U+0000 in a string (PostgreSQL
 * refuses it in text and jsonb, and no field of this API means one; a NUL is never part of C or
 * Python source), and a query number beyond the safe integers (`?offset=99999999999999999999`).
 * Either answers 400 VALIDATION_FAILED naming the field.
 */
@Injectable()
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type !== 'body' && meta.type !== 'query') return value;
    const problem = findProblem(value, meta.data ?? '', meta.type === 'query');
    if (problem) {
      const message = `${problem.at || 'the body'} ${problem.what}`;
      throw new ApiError(400, 'VALIDATION_FAILED', message, [message]);
    }
    return value;
  }
}
