import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, verifyWebhook } from '@bastion/contracts';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';
import { SUM_AC } from './programs/sum';

jest.setTimeout(180_000);

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on loopback that fails the first `failures` deliveries with 500, then answers 204. */
function receiver(failures: number): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  let left = failures;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = left-- > 0 ? 500 : 204;
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server }),
    ),
  );
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('webhooks: the final result, signed, retried, recorded', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  const slug = `hooks-${Date.now().toString(36)}`;
  const servers: Server[] = [];

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    expect((await admin.importProblem(sumProblem(), slug)).status).toBe(201);
  });

  afterAll(async () => {
    servers.forEach((s) => s.close());
    await system?.stop();
  });

  it('POSTs the result signed with HMAC-SHA256, and retries a failing receiver with backoff', async () => {
    const hook = await receiver(1);
    servers.push(hook.server);
    const r = await admin.request('POST', '/submissions', {
      problem: slug,
      language: 'python',
      source: SUM_AC.python,
      callbackUrl: hook.url,
    });
    expect(r.status).toBe(202);
    await until('two deliveries', async () => (hook.got.length >= 2 ? true : undefined));
    const last = hook.got[1];
    const secret = system.env.BASTION_WEBHOOK_SECRET;
    expect(verifyWebhook(secret, last.body, String(last.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(verifyWebhook('not-the-secret-at-all', last.body, String(last.headers[SIGNATURE_HEADER]))).toBe(false);
    const payload = JSON.parse(last.body);
    expect(payload).toMatchObject({
      event: 'submission.finished',
      submission: { id: r.body.id, problem: slug, verdict: 'AC', score: 100, status: 'done' },
    });
    expect(last.headers['x-bastion-event']).toBe('submission.finished');

    const log = await until('recorded attempts', async () => {
      const d = await admin.request('GET', `/submissions/${r.body.id}/webhooks`);
      return d.body.deliveries?.length >= 2 ? d.body : undefined;
    });
    expect(log.callbackUrl).toBe(hook.url);
    expect(log.deliveries.map((d: any) => d.statusCode)).toEqual([500, 204]);
    expect(log.deliveries[0].error).toMatch(/500/);
  });

  it("uses the API token's callback URL for submissions made with it", async () => {
    const hook = await receiver(0);
    servers.push(hook.server);
    const token = await admin.request('POST', '/tokens', {
      name: 'lms',
      scopes: ['submit', 'read'],
      callbackUrl: hook.url,
    });
    expect(token.status).toBe(201);
    const lms = new ApiClient(system.baseUrl, token.body.token);
    const id = await lms.submit(slug, 'c', SUM_AC.c);
    await until('a delivery', async () => (hook.got.length ? true : undefined));
    expect(JSON.parse(hook.got[0].body).submission.id).toBe(id);
  });

  it('refuses a callback URL that is not http(s)', async () => {
    const r = await admin.request('POST', '/submissions', {
      problem: slug,
      language: 'python',
      source: 'print(1)',
      callbackUrl: 'file:///etc/passwd',
    });
    expect(r.status).toBe(400);
  });
});
