import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';

jest.setTimeout(300_000);

/** The document is walked as plain JSON. */
type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SRC = join(__dirname, '..', 'apps', 'api', 'src');

/** Every controller file of the API, for counting its routes. */
function controllerSources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? controllerSources(join(dir, e.name))
      : e.name.endsWith('.controller.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
}

/** Every object schema with properties gets additionalProperties: false, so undocumented keys fail. */
function strict(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === 'example' || k === 'examples' ? v : strict(v)]),
  );
  if (out.properties && Object.keys(out.properties).length && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

/** `#/components/schemas/X` → `<base>#/components/schemas/X`, so a schema compiled alone finds the components. */
function rebase(node: Json, base: string): Json {
  if (Array.isArray(node)) return node.map((n) => rebase(n, base));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/')
        ? `${base}${v}`
        : k.startsWith('example')
          ? v
          : rebase(v, base),
    ]),
  );
}

/** Ajv's errors with the key at fault (errorsText leaves out which property is extra). */
function why(errors: Json[] | null | undefined): string {
  return (errors ?? [])
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`,
    )
    .join('; ');
}

function refsIn(node: Json, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, found));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else if (k !== 'example' && k !== 'examples') refsIn(v, found);
    }
  return found;
}

describe('the OpenAPI document', () => {
  let system: RunningSystem;
  let doc: Json;
  let ajv: Ajv;
  let admin: ApiClient;
  const operations: { method: string; path: string; op: Json }[] = [];

  const compiled = new Map<string, ValidateFunction>();
  /** A validator for a schema of the document ($refs resolve to its components); strict: no undocumented keys. */
  function validator(schema: Json, strictKeys = false): ValidateFunction {
    const key = `${strictKeys}:${JSON.stringify(schema)}`;
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile(strictKeys ? rebase(strict(schema), 'strict') : rebase(schema, 'doc'));
      compiled.set(key, v);
    }
    return v;
  }

  function operation(method: string, path: string): Json {
    const op = doc.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${path} is not in the document`);
    return op;
  }

  /** A real answer is one the document declares: its status, media type, and (JSON) a body matching the schema. */
  function expectDocumented(method: string, path: string, r: { status: number; type: string; body: Json }): void {
    const response = operation(method, path).responses[String(r.status)];
    if (!response) throw new Error(`${method} ${path} answered ${r.status}, which the document does not list`);
    if (r.status === 204) return;
    const media = Object.keys(response.content ?? {}).find((m) => r.type.startsWith(m.split(';')[0]));
    if (!media)
      throw new Error(`${method} ${path} ${r.status} answered ${r.type}, not ${Object.keys(response.content)}`);
    const { schema, examples } = response.content[media];
    if (!media.includes('json')) return;
    const validate = validator(schema, true);
    if (!(validate as (data: unknown) => boolean)(r.body))
      throw new Error(`${method} ${path} ${r.status}: ${why(validate.errors)}\n${JSON.stringify(r.body)}`);
    if (r.status >= 400) {
      const codes = Object.values(examples ?? {}).map((e: Json) => e.value.error.code);
      if (!codes.includes(r.body.error.code) && !Object.keys(examples ?? {}).some((k) => k.startsWith('PACKAGE_')))
        throw new Error(`${method} ${path} ${r.status} answered ${r.body.error.code}; documented: ${codes}`);
    }
  }

  async function call(client: ApiClient | null, method: string, path: string, body?: unknown, raw = false) {
    const headers: Record<string, string> = {};
    if (client?.token) headers.authorization = `Bearer ${client.token}`;
    if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const r = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers,
      body:
        body instanceof FormData
          ? body
          : body === undefined
            ? undefined
            : raw
              ? (body as string)
              : JSON.stringify(body),
    });
    const type = r.headers.get('content-type') ?? '';
    const text = await r.text();
    return { status: r.status, type, body: type.includes('json') ? JSON.parse(text) : text };
  }

  beforeAll(async () => {
    system = await startSystem();
    doc = await (await fetch(`${system.baseUrl}/api/docs-json`)).json();
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema({ components: rebase(doc.components, 'doc') }, 'doc');
    ajv.addSchema({ components: rebase(strict(doc.components), 'strict') }, 'strict');
    for (const [path, item] of Object.entries<Json>(doc.paths))
      for (const [method, op] of Object.entries<Json>(item))
        if (METHODS.includes(method)) operations.push({ method, path, op });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('is an OpenAPI 3 document whose references all resolve', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\//);
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'bastion_session' }),
    });
    const missing = refsIn(doc).filter((ref) => {
      const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
      return !m || !doc.components.schemas[m[1]];
    });
    expect(missing).toEqual([]);
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t: Json) => t.name));
    expect(operations.filter((o) => !o.op.tags?.every((t: string) => tags.has(t))).map((o) => o.path)).toEqual([]);
  });

  it('lists every route the controllers declare, none hidden', () => {
    const sources = controllerSources();
    const routes = sources.join('\n').match(/@(Get|Post|Put|Patch|Delete|Sse)\(/g) ?? [];
    expect(sources.join('\n')).not.toMatch(/ApiExclude(Endpoint|Controller)/);
    expect(operations).toHaveLength(routes.length);
  });

  it('gives every route a summary, a tag, its auth, a success answer with a schema, and its errors', () => {
    const problems: string[] = [];
    for (const { method, path, op } of operations) {
      const at = `${method.toUpperCase()} ${path}`;
      const fail = (what: string) => problems.push(`${at}: ${what}`);
      if (!op.summary?.trim()) fail('no summary');
      if (!op.tags?.length) fail('no tag');
      const access = op['x-bastion-access'];
      if (!access) fail('no access rule');
      if (!/\*\*Access:\*\*/.test(op.description ?? '')) fail('no access line in the description');
      if (access && access.rule !== 'public') {
        const schemes = (op.security ?? []).flatMap((s: Json) => Object.keys(s));
        if (!schemes.includes('bearer') || !schemes.includes('session')) fail('does not name both credentials');
        if (!op.responses['401'] || !op.responses['403']) fail('no 401/403');
      }
      const ok = Object.entries<Json>(op.responses).filter(([s]) => /^2\d\d$/.test(s));
      if (!ok.length) fail('no 2xx answer');
      for (const [status, r] of ok) {
        if (!r.description) fail(`${status} has no description`);
        if (status === '204') continue;
        const media = Object.values<Json>(r.content ?? {});
        if (!media.length || !media.every((m) => m.schema && (m.schema.$ref || m.schema.type || m.schema.oneOf)))
          fail(`${status} has no schema`);
      }
      for (const [status, r] of Object.entries<Json>(op.responses).filter(([s]) => /^[45]\d\d$/.test(s))) {
        if (['/health'].includes(path) && status === '503') continue; // health answers 503 with its own body
        const json = r.content?.['application/json'];
        if (json?.schema?.$ref !== '#/components/schemas/ErrorBody') fail(`${status} is not an ErrorBody`);
        if (!Object.keys(json?.examples ?? {}).length) fail(`${status} has no example code`);
        if (status === '429' && !r.headers?.['Retry-After']) fail('429 without Retry-After');
      }
      for (const p of op.parameters ?? [])
        if (p.in === 'path' && (!p.description || (p.example ?? p.schema?.example) === undefined))
          fail(`path parameter ${p.name} undescribed`);
      if (op.requestBody) {
        for (const [type, m] of Object.entries<Json>(op.requestBody.content)) {
          const schema = m.schema?.$ref ? doc.components.schemas[m.schema.$ref.split('/').pop()] : m.schema;
          const props = Object.entries<Json>(schema?.properties ?? {});
          if (!props.length) fail(`${type} body has no schema`);
          for (const [name, p] of props)
            if (p.example === undefined && p.format !== 'binary' && !p.$ref && !p.allOf && !p.items?.$ref)
              fail(`body property ${name} has no example`);
            else if (!p.description && !p.enum && !p.format && !p.allOf && !p.$ref && !p.pattern && !p.minimum)
              fail(`body property ${name} has no description`);
        }
      }
      if (['post', 'put', 'patch'].includes(method) && /Dto|multipart/.test(JSON.stringify(op.requestBody ?? '')))
        if (!op.responses['400']) fail('a body but no 400');
    }
    expect(problems).toEqual([]);
  });

  it('has examples that match their own schemas', () => {
    const problems: string[] = [];
    for (const [name, schema] of Object.entries<Json>(doc.components.schemas)) {
      if (schema.example === undefined) continue;
      const validate = validator({ $ref: `#/components/schemas/${name}` }, true);
      if (!validate(schema.example)) problems.push(`${name}: ${why(validate.errors)}`);
    }
    for (const { method, path, op } of operations)
      for (const [status, r] of Object.entries<Json>(op.responses))
        for (const [type, m] of Object.entries<Json>(r.content ?? {})) {
          if (!type.includes('json')) continue;
          const validate = validator(m.schema, true);
          const examples = [
            ...(m.example !== undefined ? [m.example] : []),
            ...Object.values<Json>(m.examples ?? {}).map((e) => e.value),
          ];
          for (const e of examples)
            if (!validate(e)) problems.push(`${method} ${path} ${status}: ${why(validate.errors)}`);
        }
    expect(problems).toEqual([]);
  });

  it('describes the answers the API really gives', async () => {
    const tag = Date.now().toString(36);
    const slug = `doc-${tag}`;
    const check = async (method: string, path: string, docPath: string, client: ApiClient | null, body?: unknown) => {
      const r = await call(client, method, path, body);
      expectDocumented(method, docPath, r);
      return r;
    };
    const v1 = (p: string) => `/api/v1${p}`;

    expectDocumented('POST', v1('/auth/login'), await call(null, 'POST', v1('/auth/login'), ADMIN));
    await check('GET', v1('/auth/me'), v1('/auth/me'), admin);
    expect((await check('GET', v1('/auth/me'), v1('/auth/me'), null)).status).toBe(401);
    expectDocumented('POST', v1('/auth/login'), await call(null, 'POST', v1('/auth/login'), '{"email":', true));
    await check('GET', v1('/languages'), v1('/languages'), admin);
    const docUser = await check('POST', v1('/users'), v1('/users'), admin, {
      email: `doc-${tag}@example.edu`,
      password: 'correct horse',
      name: 'Doc',
      role: 'student',
    });
    const U = v1('/users/{id}');
    await check('GET', v1('/users?limit=2'), v1('/users'), admin);
    await check('POST', v1(`/users/${docUser.body.id}/disable`), `${U}/disable`, admin);
    await check('POST', v1(`/users/${docUser.body.id}/enable`), `${U}/enable`, admin);
    await check('POST', v1(`/users/${docUser.body.id}/password`), `${U}/password`, admin);
    await check('POST', v1('/users/00000000-0000-0000-0000-000000000000/enable'), `${U}/enable`, admin);
    await check('POST', v1('/tokens'), v1('/tokens'), admin, { name: 'ci', scopes: ['read'] });
    await check('GET', v1('/tokens'), v1('/tokens'), admin);

    const zip = await import('fflate').then(({ zipSync }) =>
      zipSync({
        'problem.yaml': new TextEncoder().encode('name: Greeting\n'),
        'bastion.yaml': new TextEncoder().encode('security:\n  weight: 0.4\n  failOn: high\n'),
        'data/sample/1.in': new TextEncoder().encode('Ada\n'),
        'data/sample/1.ans': new TextEncoder().encode('Hello, Ada!\n'),
        'data/attack/long.in': new TextEncoder().encode(`${'A'.repeat(60)}\n`),
        'data/attack/long.ans': new TextEncoder().encode(`Hello, ${'A'.repeat(60)}!\n`),
      }),
    );
    const form = new FormData();
    form.append('file', new Blob([zip]), 'greeting.zip');
    form.append('slug', slug);
    expect((await check('POST', v1('/problems/import'), v1('/problems/import'), admin, form)).status).toBe(201);
    expect((await check('POST', v1('/problems/import'), v1('/problems/import'), admin, new FormData())).status).toBe(
      400,
    );
    const P = v1('/problems/{slug}');
    await check('GET', v1('/problems'), v1('/problems'), admin);
    await check('GET', v1(`/problems/${slug}`), P, admin);
    await check('POST', v1(`/problems/${slug}/publish`), `${P}/publish`, admin);
    const tests = await check('GET', v1(`/problems/${slug}/tests`), `${P}/tests`, admin);
    await check('GET', v1(`/problems/${slug}/tests/${tests.body[0].id}`), `${P}/tests/{id}`, admin);
    await check('POST', v1(`/problems/${slug}/tests`), `${P}/tests`, admin, {
      name: 'quote',
      kind: 'attack',
      input: "O'Brien\n",
      forbidden: ['PWN42ED'],
    });
    await check('PATCH', v1(`/problems/${slug}`), P, admin, { checker: { type: 'float', absTol: 0, relTol: 1e-6 } });
    await check('PATCH', v1(`/problems/${slug}`), P, admin, { checker: { type: 'float' } });
    await check('POST', v1('/problems'), v1('/problems'), admin, {
      slug: `${slug}-form`,
      name: 'Form',
      timeLimitMs: 1000,
      memoryLimitMb: 64,
      tests: [{ name: '1', kind: 'sample', input: '1\n', answer: '1\n' }],
    });
    await check('POST', v1(`/problems/${slug}/verify`), `${P}/verify`, admin);
    await check('GET', v1(`/problems/${slug}/verify`), `${P}/verify`, admin);
    await check('GET', v1(`/problems/${slug}/security-overview`), `${P}/security-overview`, admin);
    await check('GET', v1(`/problems/${slug}/gradebook.csv`), `${P}/gradebook.csv`, admin);
    await check('GET', v1(`/problems/${slug}/export`), `${P}/export`, admin);
    await check('GET', v1('/problems/no-such-problem'), P, admin);

    const gets =
      '#include <stdio.h>\nint main(void) {\n  char name[16];\n  gets(name);\n  printf("Hello, %s!\\n", name);\n}\n';
    const S = v1('/submissions/{id}');
    const queued = await check('POST', v1('/submissions'), v1('/submissions'), admin, {
      problem: slug,
      language: 'c',
      source: gets,
    });
    await check('POST', v1('/submissions'), v1('/submissions'), admin, {
      problem: slug,
      language: 'cobol',
      source: '',
    });
    await check('POST', v1('/submissions/batch'), v1('/submissions/batch'), admin, {
      submissions: [
        { problem: slug, language: 'python', source: 'print("Hello, " + input() + "!")\n' },
        { problem: 'no-such-problem', language: 'c', source: 'x' },
      ],
    });
    const id = queued.body.id;
    await admin.result(id);
    const judged = await check('GET', v1(`/submissions/${id}`), S, admin);
    expect(judged.body.security.findings.length).toBeGreaterThan(0);
    const events = await check('GET', v1(`/submissions/${id}/events`), `${S}/events`, admin);
    expect(events.body).toMatch(/^event: result$/m);
    await check('GET', v1(`/submissions/${id}/sarif`), `${S}/sarif`, admin);
    await check('GET', v1(`/submissions/${id}/source`), `${S}/source`, admin);
    await check('GET', v1(`/submissions/${id}/webhooks`), `${S}/webhooks`, admin);
    await check('GET', v1('/submissions?limit=5'), v1('/submissions'), admin);
    await check('GET', v1('/submissions?limit=500'), v1('/submissions'), admin);
    await check('GET', v1('/submissions/00000000-0000-0000-0000-000000000000'), S, admin);
    await check('POST', v1(`/submissions/${id}/rejudge`), `${S}/rejudge`, admin);
    await check('POST', v1(`/problems/${slug}/rejudge`), `${P}/rejudge`, admin);
    await check('POST', v1('/runs'), v1('/runs'), admin, {
      language: 'python',
      source: 'print(input()[::-1])\n',
      stdin: 'ab\n',
    });
    const C = v1('/courses/{id}');
    const course = await check('POST', v1('/courses'), v1('/courses'), admin, {
      name: 'Doc course',
      timeZone: 'Asia/Seoul',
    });
    await check('POST', v1('/courses'), v1('/courses'), admin, { name: 'x', timeZone: 'Mars/Olympus' });
    await check('GET', v1('/courses'), v1('/courses'), admin);
    await check('GET', v1(`/courses/${course.body.id}`), C, admin);
    await check('GET', v1('/courses/00000000-0000-0000-0000-000000000000'), C, admin);
    await check('PATCH', v1(`/courses/${course.body.id}`), C, admin, { term: '2027 Spring' });
    await check('POST', v1(`/courses/${course.body.id}/members`), `${C}/members`, admin, {
      email: `doc-${tag}@example.edu`,
      role: 'student',
    });
    await check('GET', v1(`/courses/${course.body.id}/members`), `${C}/members`, admin);
    const roster = new FormData();
    roster.append('file', new Blob([`email,name\nroster-${tag}@example.edu,Roster\n`]), 'roster.csv');
    await check('POST', v1(`/courses/${course.body.id}/roster`), `${C}/roster`, admin, roster);
    await check('POST', v1('/courses/join'), v1('/courses/join'), admin, { code: 'ZZZZ-ZZZZ' });
    const A = v1('/assignments/{id}');
    const assignment = await check('POST', v1(`/courses/${course.body.id}/assignments`), `${C}/assignments`, admin, {
      title: 'Lab 1',
      problems: [{ problem: slug, points: 10 }],
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      latePolicy: { per: 'day', penaltyPercent: 10 },
      scoreboard: 'hidden',
    });
    await check('POST', v1(`/courses/${course.body.id}/assignments`), `${C}/assignments`, admin, {
      title: 'Bad',
      problems: [{ problem: slug, points: 10 }],
      opensAt: '2027-03-09T00:00:00Z',
      closesAt: '2027-03-01T00:00:00Z',
    });
    await check('GET', v1(`/courses/${course.body.id}/assignments`), `${C}/assignments`, admin);
    await check('GET', v1(`/courses/${course.body.id}/gradebook`), `${C}/gradebook`, admin);
    await check('GET', v1(`/courses/${course.body.id}/gradebook.csv`), `${C}/gradebook.csv`, admin);
    const aid = assignment.body.id;
    await check('GET', v1(`/assignments/${aid}`), A, admin);
    await check('PATCH', v1(`/assignments/${aid}`), A, admin, { counting: 'last' });
    await check('GET', v1(`/assignments/${aid}/gradebook`), `${A}/gradebook`, admin);
    await check('GET', v1(`/assignments/${aid}/gradebook.csv`), `${A}/gradebook.csv`, admin);
    await check('GET', v1(`/assignments/${aid}/scoreboard`), `${A}/scoreboard`, admin);
    await check('GET', v1(`/assignments/${aid}/students/${docUser.body.id}`), `${A}/students/{userId}`, admin);
    await check('GET', v1('/assignments/00000000-0000-0000-0000-000000000000'), A, admin);
    await check('DELETE', v1(`/courses/${course.body.id}/members/${docUser.body.id}`), `${C}/members/{userId}`, admin);
    await check('DELETE', v1(`/tokens/00000000-0000-0000-0000-000000000000`), v1('/tokens/{id}'), admin);
    await check('GET', '/health', '/health', null);
    await check('GET', '/metrics', '/metrics', null);
  });
});
