import type { PipeTransform } from '@nestjs/common';
import { findProblem, MAX_JSON_DEPTH, nestsDeeperThan, QueryNumberGuardPipe, TextGuardPipe } from './input-guards';
import { ApiError } from './api-error';

const bytes = (s: string) => Buffer.from(s);

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":[{"b":[[1]]}]}'), 4)).toBe(true);
    expect(nestsDeeperThan(bytes(`{"s":"${'['.repeat(500)}"}`), 4)).toBe(false);
    expect(nestsDeeperThan(bytes(`{"s":"\\"${'['.repeat(500)}"}`), 4)).toBe(false);
    expect(nestsDeeperThan(bytes(`{"s":"\\\\"${',['.repeat(5)}`), 4)).toBe(true);
  });

  it('refuses 10,000 levels and lets MAX_JSON_DEPTH through', () => {
    expect(nestsDeeperThan(bytes('['.repeat(10_000) + ']'.repeat(10_000)), MAX_JSON_DEPTH)).toBe(true);
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(nestsDeeperThan(bytes(ok), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(bytes(`[${ok}]`), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('TextGuardPipe and QueryNumberGuardPipe', () => {
  const text = new TextGuardPipe();
  const numbers = new QueryNumberGuardPipe();
  const refusal = (value: unknown, type: 'body' | 'query' | 'param' = 'body', pipe: PipeTransform = text) => {
    try {
      pipe.transform(value, { type });
      return null;
    } catch (e) {
      return e instanceof ApiError ? `${e.getStatus()} ${e.code}: ${e.message}` : String(e);
    }
  };

  it('refuses U+0000 anywhere in a body or query, naming where', () => {
    expect(refusal({ source: 'int main(){}\0' })).toBe(
      '400 VALIDATION_FAILED: source must not contain NUL characters (U+0000)',
    );
    expect(refusal({ submissions: [{ source: 'x' }, { source: 'a\0b' }] })).toMatch(/^400 .*submissions\[1\]\.source/);
    expect(refusal({ 'a\0': 1 })).toMatch(/a\0 must not/);
    expect(refusal({ user: '\0' }, 'query')).toMatch(/^400 VALIDATION_FAILED: user must not/);
    expect(refusal('\0')).toMatch(/the body must not/);
  });

  it('refuses lone surrogates (isEmail would throw on them), not surrogate pairs', () => {
    expect(refusal({ email: '\ud800\u0001' })).toBe(
      '400 VALIDATION_FAILED: email must be well-formed Unicode (it holds a lone surrogate)',
    );
    expect(refusal({ name: 'x\udfff' })).toMatch(/^400 /);
    expect(refusal({ name: '\udfff\ud800' })).toMatch(/^400 /);
    expect(refusal({ name: '💣 \ud83d\udca3' })).toBeNull();
  });

  it('refuses query numbers beyond the safe integers, not body numbers (each DTO bounds its own)', () => {
    expect(refusal({ offset: 1e20 }, 'query', numbers)).toBe(
      '400 VALIDATION_FAILED: offset must be between -9007199254740991 and 9007199254740991',
    );
    expect(refusal({ offset: -1e20 }, 'query', numbers)).toMatch(/^400 /);
    expect(refusal({ offset: Number.MAX_SAFE_INTEGER, limit: 0.5 }, 'query', numbers)).toBeNull();
    expect(refusal({ weight: 1e20 }, 'body', numbers)).toBeNull();
    expect(refusal({ problem: '99999999999999999999' }, 'query', numbers)).toBeNull();
  });

  it('lets everything else through, and leaves path parameters to their routes', () => {
    expect(refusal({ source: 'ok \u0001\u007f\uffff 한국어', n: 1, list: [null, true, { x: 'y' }] })).toBeNull();
    expect(refusal('\0', 'param')).toBeNull();
  });

  it('refuses a parsed value nested too deep (a body that got past the byte scan)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(refusal(deep)).toMatch(/^400 JSON_TOO_DEEP/);
    expect(findProblem({ a: { b: 'c' } }, '', true)).toBeNull();
  });
});
