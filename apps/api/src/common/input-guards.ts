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

/** A UTF-16 surrogate without its other half: no Unicode text has one, and validator.js's encodeURI throws on it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(s: string): string | null {
  if (s.includes('\0')) return 'must not contain NUL characters (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  return null;
}

/**
 * The first string (or key) in a body or query that is not text PostgreSQL takes (U+0000, a lone
 * surrogate), or with `numbers`, the first number beyond ±Number.MAX_SAFE_INTEGER. Iterative, so no
 * input can overflow the stack.
 */
export function findProblem(value: unknown, root: string, numbers = false): Problem | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === 'string') {
      const what = numbers ? null : textProblem(v);
      if (what) return { at: path, what };
    } else if (typeof v === 'number') {
      if (numbers && Math.abs(v) > Number.MAX_SAFE_INTEGER)
        return { at: path, what: `must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` };
    } else if (v && typeof v === 'object') {
      if (depth > MAX_JSON_DEPTH) throw tooDeep();
      for (const [k, child] of Object.entries(v)) {
        const at = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        const what = numbers ? null : textProblem(k);
        if (what) return { at, what };
        stack.push([child, at, depth + 1]);
      }
    }
  }
  return null;
}

function refuse(problem: Problem | null): void {
  if (!problem) return;
  const message = `${problem.at || 'the body'} ${problem.what}`;
  throw new ApiError(400, 'VALIDATION_FAILED', message, [message]);
}

/**
 * Before validation, for every body and query: text PostgreSQL refuses with an error, U+0000 (in
 * text and jsonb; no field of this API means one, and a NUL is never part of C or Python source),
 * and lone surrogates (which also make class-validator's isEmail throw). 400 VALIDATION_FAILED.
 */
@Injectable()
export class TextGuardPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'body' || meta.type === 'query') refuse(findProblem(value, meta.data ?? ''));
    return value;
  }
}

/**
 * After validation (once the DTOs have made numbers of the query's strings): a query number beyond
 * the safe integers (`?offset=99999999999999999999`) never reaches SQL. 400 VALIDATION_FAILED.
 */
@Injectable()
export class QueryNumberGuardPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'query') refuse(findProblem(value, meta.data ?? '', true));
    return value;
  }
}
