import fc from 'fast-check';
import { zipFiles } from './api-client';

/** The OpenAPI document and its schemas are walked as plain JSON. */
type Json = any;

/** One generated request, before it is given credentials. */
export interface FuzzRequest {
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: FuzzBody;
}

export type FuzzBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string | Uint8Array; type?: string; encoding?: string }
  | { kind: 'form'; parts: FormPart[] };

export type FormPart = { name: string; value: string } | { name: string; file: Uint8Array; filename: string };

/** Values for a route's path parameters: the real resource, or null where only hostile ones may go. */
export type RealParam = (path: string, name: string) => string | null;

/** Nested arrays, built without recursion. */
export function nested(depth: number, leaf: unknown = 1): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\0',
    'a\0b',
    '\0'.repeat(10),
    '\u202e\u0007\b\u001b[31m\u007f',
    '\ud800',
    '\udfff\ud800x',
    '\u2028\u2029\ufeff\uffff',
    '💣'.repeat(50),
    'İıßﬁ한국어',
    '\r\n\r\n',
    '%00',
    '../../etc/passwd',
    "'; DROP TABLE users; --",
    '${jndi:ldap://x/a}',
    '<script>alert(1)</script>',
    'null',
    'NaN',
    '-1',
    '99999999999999999999',
    '2020-02-30T00:00:00Z',
    '0000-00-00T00:00:00Z',
    '__proto__',
    'constructor',
    'x'.repeat(10_000),
    'y'.repeat(70_000),
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({
    unit: fc.constantFrom('\0', '\u0001', '\u007f', '\u2028', '\ud800', '\uffff', 'a', '/', '%'),
    maxLength: 30,
  }),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    1e-300,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    2 ** 63,
    1e20,
    -1e20,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const hostileDate: fc.Arbitrary<string> = fc.constantFrom(
  '2020-02-30T00:00:00Z',
  '2021-02-29',
  '0000-01-01T00:00:00Z',
  '9999-99-99',
  '2020-13-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:01Z',
  '2020-01-01T24:00:00Z',
  '1970-01-01T00:00:00+99:99',
  '2020-W01',
  'yesterday',
);

/** Anything at all in place of a value: the wrong type, hostile text, huge numbers, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: hostileDate },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, nested(30), nested(64), nested(65)) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, fc.constant(1), { maxKeys: 3 }) },
);

/** Bodies no JSON serializer writes: broken, deep, odd charsets and encodings, prototype keys. */
export const rawBody: fc.Arbitrary<FuzzBody> = fc.constantFrom<FuzzBody>(
  { kind: 'raw', text: '{"a":' },
  { kind: 'raw', text: `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
  { kind: 'raw', text: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` },
  { kind: 'raw', text: `{"a":${'['.repeat(64)}${']'.repeat(64)}}` },
  { kind: 'raw', text: '{"x":1e400,"y":-1e400,"z":123456789012345678901234567890}' },
  { kind: 'raw', text: '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"role":"admin"}}}' },
  { kind: 'raw', text: '{"a":"\\u0000","\\u0000":1}' },
  { kind: 'raw', text: '{"a":"\\ud800"}' },
  { kind: 'raw', text: 'null' },
  { kind: 'raw', text: '"a string"' },
  { kind: 'raw', text: '123' },
  { kind: 'raw', text: '' },
  { kind: 'raw', text: '\ufeff{}' },
  { kind: 'raw', text: new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]) },
  { kind: 'raw', text: '{}', type: 'application/json; charset=utf-16' },
  { kind: 'raw', text: '{}', type: 'application/json; charset=koi8-r' },
  { kind: 'raw', text: '{}', type: 'text/plain' },
  { kind: 'raw', text: 'a=1&b[c]=2', type: 'application/x-www-form-urlencoded' },
  { kind: 'raw', text: '{}', encoding: 'gzip' },
  { kind: 'raw', text: '{}', encoding: 'br, deflate' },
);

function resolve(schema: Json, components: Json): Json {
  if (schema?.$ref) return resolve(components[String(schema.$ref).split('/').pop() as string], components);
  if (schema?.allOf?.length === 1 && !schema.type) return { ...schema, ...resolve(schema.allOf[0], components) };
  return schema ?? {};
}

/** Mostly what the schema says, sometimes not, field by field. */
function field(schema: Json, components: Json, name: string, known: Record<string, string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: conforming(schema, components, known) },
    { weight: name in known ? 3 : 0, arbitrary: fc.constant(known[name]) },
    { weight: 2, arbitrary: hostileValue },
  );
}

/** A value that fits the schema (limits shrunk so requests stay small). */
export function conforming(raw: Json, components: Json, known: Record<string, string> = {}): fc.Arbitrary<unknown> {
  const schema = resolve(raw, components);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return fc.oneof(...variants.map((v: Json) => conforming(v, components, known)));
  const example = schema.example !== undefined ? [fc.constant(schema.example)] : [];
  switch (schema.type) {
    case 'object': {
      const props = Object.entries<Json>(schema.properties ?? {});
      if (!props.length)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, field(s, components, k, known)])), {
        requiredKeys: (schema.required ?? []).filter((k: string) => schema.properties[k]),
      });
    }
    case 'array':
      return fc.array(field(schema.items, components, '', known), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'integer':
      return fc.oneof(...example, fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 }));
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string': {
      const max = Math.min(schema.maxLength ?? 40, 40);
      const min = Math.min(schema.minLength ?? 0, max);
      const text =
        schema.format === 'email'
          ? fc.emailAddress()
          : schema.format === 'date-time'
            ? fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString())
            : schema.format === 'uri'
              ? fc.webUrl()
              : schema.pattern
                ? fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 100)
                : fc.string({ minLength: min, maxLength: max });
      return fc.oneof(...example, text);
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const ZIP_NAMES = [
  'problem.yaml',
  'bastion.yaml',
  'data/testdata.yaml',
  'data/sample/1.in',
  'data/sample/1.ans',
  'data/secret/a/1.in',
  'data/secret/a/1.ans',
  'data/attack/x.in',
  'problem_statement/problem.en.md',
  'submissions/accepted/a.py',
  'output_validators/v/v.py',
  '../escape',
  'a\0b',
];

const YAMLISH = fc.constantFrom(
  'name: Fuzz\n',
  'name: [unclosed\n',
  'type: scoring\nname: x\n',
  'a: &a [1,2]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n',
  `a: ${'['.repeat(5000)}`,
  'security:\n  weight: 7\n',
  'name: x\nname: y\n',
);

/** A file for a multipart field: random bytes, or a small zip of package-like files with hostile contents. */
export const uploadFile: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc
    .dictionary(fc.constantFrom(...ZIP_NAMES), fc.oneof(YAMLISH, hostileString), { minKeys: 1, maxKeys: 6 })
    .map((files) => new Uint8Array(zipFiles({ 'problem.yaml': 'name: Fuzz\n', ...files }))),
);

function multipart(schema: Json, components: Json, known: Record<string, string>): fc.Arbitrary<FuzzBody> {
  const props = Object.entries<Json>(resolve(schema, components).properties ?? {});
  const parts = props.map(([name, s]) =>
    s.format === 'binary'
      ? fc.option(
          uploadFile.map((file): FormPart => ({ name, file, filename: 'upload.zip' })),
          { freq: 6 },
        )
      : fc.option(
          field(s, components, name, known).map((v): FormPart => ({ name, value: String(v) })),
          { freq: 2 },
        ),
  );
  const extra = fc.option(
    fc.oneof(
      uploadFile.map((file): FormPart => ({ name: 'other', file, filename: '../../x' })),
      hostileString.map((value): FormPart => ({ name: 'a[b][c][d]', value })),
    ),
    { freq: 4 },
  );
  return fc.tuple(...parts, extra).map((all) => ({
    kind: 'form' as const,
    parts: all.filter((p): p is FormPart => p !== null),
  }));
}

/** Header values fetch can send: no CR, LF or NUL, Latin-1 only. */
const headerValue = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme-ascii' }),
  hostileString.filter((s) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s)),
);

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) UTF-8 bytes instead of an exception. */
export function encodeLoose(s: string): string {
  return Array.from(s)
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        const c = ch.charCodeAt(0);
        return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      }
    })
    .join('');
}

const PATH_HOSTILE = [
  '%00',
  'a%00b',
  '..',
  '%2e%2e%2f%2e%2e',
  '%E0%A4%A',
  '%ZZ',
  'x'.repeat(3000),
  encodeURIComponent('💣한국어'),
  '0',
  '-1',
  '99999999999999999999',
  'null',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-00000000000%00',
];

const QUERY_HOSTILE = [
  'limit[]=1&limit[]=2',
  'offset[$gt]=1',
  'a[b][c][d][e][f][g][h]=1',
  '%ZZ=%ZZ',
  'since=%E0%A4%A',
  '__proto__[role]=admin',
  'limit=1&limit=2',
  `offset=${'9'.repeat(400)}`,
  'offset=99999999999999999999',
  'since=2020-02-30T00:00:00Z',
  'user=%00',
];

/** Requests for one operation of the document: path, query, headers and body, each mostly well-formed. */
export function requestsFor(
  doc: Json,
  method: string,
  path: string,
  op: Json,
  realParam: RealParam,
  known: Record<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const components = doc.components?.schemas ?? {};
  const params: Json[] = op.parameters ?? [];
  const pathArbs = params
    .filter((p) => p.in === 'path')
    .map((p) => {
      const real = realParam(path, p.name);
      return fc
        .oneof(
          { weight: real === null ? 0 : 3, arbitrary: fc.constant(real ?? '') },
          { weight: 2, arbitrary: fc.constantFrom(...PATH_HOSTILE) },
          { weight: 1, arbitrary: hostileString.map(encodeLoose) },
        )
        .map((value) => [p.name, value] as const);
    });
  const queryArbs = params
    .filter((p) => p.in === 'query')
    .map((p) =>
      fc.option(
        fc
          .oneof(conforming(p.schema, components, known), hostileValue, hostileDate)
          .map((v) => `${p.name}=${encodeLoose(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`),
        { freq: 2 },
      ),
    );
  const headerArbs = params
    .filter((p) => p.in === 'header')
    .map((p) => fc.option(headerValue.map((v) => [p.name, v] as const)));
  const content = op.requestBody?.content ?? {};
  const json = content['application/json']?.schema;
  const form = content['multipart/form-data']?.schema;
  // fetch sends no body with GET.
  const noBody = method.toLowerCase() === 'get';
  const bodies: fc.WeightedArbitrary<FuzzBody | undefined>[] = [
    { weight: json || form ? 1 : 4, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: rawBody },
    { weight: 1, arbitrary: hostileValue.map((value): FuzzBody => ({ kind: 'json', value })) },
  ];
  if (json)
    bodies.push({
      weight: 8,
      arbitrary: conforming(json, components, known).map((value): FuzzBody => ({ kind: 'json', value })),
    });
  if (form) bodies.push({ weight: 8, arbitrary: multipart(form, components, known) });
  return fc
    .record({
      pathValues: fc.tuple(...pathArbs),
      query: fc.tuple(...queryArbs),
      extraQuery: fc.option(fc.constantFrom(...QUERY_HOSTILE), { freq: 4 }),
      headers: fc.tuple(...headerArbs),
      body: noBody ? fc.constant(undefined) : fc.oneof(...bodies),
    })
    .map(({ pathValues, query, extraQuery, headers, body }) => ({
      path: pathValues.reduce((p, [name, value]) => p.replace(`{${name}}`, value), path),
      query: [...query, extraQuery].filter((q) => q !== null).join('&'),
      headers: Object.fromEntries(headers.filter((h) => h !== null)),
      body,
    }));
}
