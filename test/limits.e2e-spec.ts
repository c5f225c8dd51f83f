import { randomInt, randomUUID } from 'node:crypto';
import { envSchema } from '../libs/config/src/config.schema';
import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';

jest.setTimeout(300_000);

/** The limits as shipped: the defaults of the configuration schema, not the raised ones other suites run with. */
const SHIPPED = envSchema
  .pick({ BASTION_LOGIN_LIMIT_PER_MIN: true, BASTION_LOGIN_IP_LIMIT_PER_MIN: true, BASTION_SUBMIT_LIMIT_PER_MIN: true })
  .parse({});
const ACCOUNT_LIMIT = SHIPPED.BASTION_LOGIN_LIMIT_PER_MIN;
const ADDRESS_LIMIT = SHIPPED.BASTION_LOGIN_IP_LIMIT_PER_MIN;
const SUBMIT_LIMIT = SHIPPED.BASTION_SUBMIT_LIMIT_PER_MIN;

/**
 * A client address of its own for each test, so the tests (and runs within a minute of each other)
 * do not share a per-address window: the API trusts X-Forwarded-For from a loopback proxy, as here.
 */
const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

interface Answer {
  status: number;
  code?: string;
  retryAfter: number | null;
}

describe('rate limits, as shipped', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  const tag = randomUUID().slice(0, 8);
  let n = 0;

  async function signIn(email: string, password: string, from: string): Promise<Answer> {
    const r = await fetch(`${system.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ email, password }),
    });
    const body = (await r.json()) as { error?: { code: string } };
    const retryAfter = r.headers.get('retry-after');
    return { status: r.status, code: body.error?.code, retryAfter: retryAfter === null ? null : Number(retryAfter) };
  }

  async function account(role = 'student') {
    const email = `limits-${tag}-${++n}@example.edu`;
    const password = `correct horse ${n}`;
    const r = await admin.request('POST', '/users', { email, password, name: 'Lim', role });
    expect(r.status).toBe(201);
    return { email, password };
  }

  /** A 429 that says how long to wait, in the header and the body. */
  const limited = (a: Answer) => {
    expect(a).toEqual({ status: 429, code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(a.retryAfter).toBeGreaterThanOrEqual(1);
    expect(a.retryAfter).toBeLessThanOrEqual(60);
  };

  beforeAll(async () => {
    system = await startSystem({
      BASTION_LOGIN_LIMIT_PER_MIN: String(ACCOUNT_LIMIT),
      BASTION_LOGIN_IP_LIMIT_PER_MIN: String(ADDRESS_LIMIT),
      BASTION_SUBMIT_LIMIT_PER_MIN: String(SUBMIT_LIMIT),
    });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('ships 10 failed sign-ins per account, 100 sign-ins per address and 30 submissions a minute', () => {
    expect([ACCOUNT_LIMIT, ADDRESS_LIMIT, SUBMIT_LIMIT]).toEqual([10, 100, 30]);
  });

  it('per account: failed sign-ins beyond the limit get 429, and then even the right password waits', async () => {
    const a = await account();
    const from = address();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      expect(await signIn(a.email, 'wrong', from)).toEqual({
        status: 401,
        code: 'INVALID_CREDENTIALS',
        retryAfter: null,
      });
    }
    limited(await signIn(a.email, 'wrong', from));
    limited(await signIn(a.email, a.password, from));
    // The lock is on the account, not on the address it was attacked from.
    limited(await signIn(a.email, a.password, address()));
  });

  it('per account: only failures count, so an owner signing in often is never locked out', async () => {
    const a = await account();
    const from = address();
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) expect((await signIn(a.email, 'wrong', from)).status).toBe(401);
    for (let i = 0; i < ACCOUNT_LIMIT + 2; i++) expect((await signIn(a.email, a.password, from)).status).toBe(200);
    expect((await signIn(a.email, 'wrong', from)).status).toBe(401);
    limited(await signIn(a.email, a.password, from));
  });

  it('per account: 50 wrong passwords at once are checked against the hash at most 10 times', async () => {
    const a = await account();
    const from = address();
    // A 401 means the password was hashed and compared; a 429 means the attempt was refused before.
    const answers = await Promise.all(Array.from({ length: 50 }, () => signIn(a.email, 'wrong', from)));
    const hashed = answers.filter((x) => x.status === 401);
    const refused = answers.filter((x) => x.status === 429);
    expect(hashed.length).toBeLessThanOrEqual(ACCOUNT_LIMIT);
    expect(hashed.length).toBe(ACCOUNT_LIMIT);
    expect(refused).toHaveLength(50 - ACCOUNT_LIMIT);
    refused.forEach(limited);
    limited(await signIn(a.email, a.password, from));
  });

  it('per address: sign-ins beyond the limit get 429 whatever the account, from that address only', async () => {
    const from = address();
    const target = `nobody-${tag}-${++n}@example.edu`;
    // One account soaks up the address's window: its first failures are hashed, the rest refused cheaply.
    const burst = await Promise.all(Array.from({ length: ADDRESS_LIMIT }, () => signIn(target, 'guess', from)));
    expect(burst.filter((x) => x.status === 401)).toHaveLength(ACCOUNT_LIMIT);
    expect(burst.filter((x) => x.status === 429)).toHaveLength(ADDRESS_LIMIT - ACCOUNT_LIMIT);
    // A fresh account from the same address: refused by the address's limit (its own count is 0).
    const a = await account();
    limited(await signIn(a.email, a.password, from));
    limited(await signIn(`other-${tag}@example.edu`, 'guess', from));
    // From another address the same account signs in.
    expect((await signIn(a.email, a.password, address())).status).toBe(200);
  });

  it('submissions beyond the limit get 429 and are neither stored nor judged; runs count apart; admins are exempt', async () => {
    const slug = `limits-${tag}`;
    const imported = await admin.importProblem(
      {
        'problem.yaml': 'name: Cheap\n',
        'data/sample/1.in': '1\n',
        'data/sample/1.ans': '1\n',
      },
      slug,
    );
    expect(imported.status).toBe(201);
    expect((await admin.request('POST', `/problems/${slug}/publish`)).status).toBe(200);
    const a = await account();
    const student = await new ApiClient(system.baseUrl).login(a.email, a.password);
    // A syntax error: judged CE after one compile, the cheapest judging there is.
    const body = { problem: slug, language: 'python', source: '(\n' };
    const submit = async () => {
      const r = await fetch(`${system.baseUrl}/api/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${student.token}` },
        body: JSON.stringify(body),
      });
      const json = (await r.json()) as { id?: string; error?: { code: string } };
      return { status: r.status, id: json.id, code: json.error?.code, retryAfter: r.headers.get('retry-after') };
    };
    const accepted: string[] = [];
    for (let i = 0; i < SUBMIT_LIMIT; i++) {
      const r = await submit();
      expect(r.status).toBe(202);
      accepted.push(r.id!);
    }
    for (let i = 0; i < 2; i++) {
      const r = await submit();
      expect([r.status, r.code, r.id]).toEqual([429, 'RATE_LIMITED', undefined]);
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    const mine = await student.request('GET', `/submissions?problem=${slug}&limit=100`);
    expect(mine.body.total).toBe(SUBMIT_LIMIT);
    expect(mine.body.items.map((s: { id: string }) => s.id).sort()).toEqual([...accepted].sort());

    // Runs have a window of their own (of the same size): the spent submissions do not stop a run.
    const run = await student.request('POST', '/runs', { language: 'python', source: 'print(6 * 7)\n', stdin: '' });
    expect([run.status, run.body.stdout]).toEqual([200, '42\n']);

    // An admin (who runs the server and its benchmarks) is not limited: one past the limit is taken.
    const byAdmin: string[] = [];
    for (let i = 0; i <= SUBMIT_LIMIT; i++) {
      const r = await admin.request('POST', '/submissions', body);
      expect(r.status).toBe(202);
      byAdmin.push(r.body.id);
    }

    // Every stored submission is judged (CE), so the queue is empty when the system stops.
    for (const id of accepted) expect((await student.result(id)).verdict).toBe('CE');
    for (const id of byAdmin) expect((await admin.result(id)).verdict).toBe('CE');
  });

  it('runs beyond the limit get 429 with Retry-After, without running', async () => {
    const a = await account();
    const student = await new ApiClient(system.baseUrl).login(a.email, a.password);
    const run = () =>
      fetch(`${system.baseUrl}/api/v1/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${student.token}` },
        body: JSON.stringify({ language: 'python', source: 'print(1)\n', stdin: '' }),
      });
    // A few at a time: each run waits for its result, and the worker has few sandboxes.
    for (let done = 0; done < SUBMIT_LIMIT; done += 3) {
      const batch = await Promise.all(Array.from({ length: Math.min(3, SUBMIT_LIMIT - done) }, run));
      expect(batch.map((r) => r.status)).toEqual(batch.map(() => 200));
    }
    const over = await run();
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many runs; try again in \d+ s$/),
      details: { retryAfter: expect.any(Number) },
    });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
