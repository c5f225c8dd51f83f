import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';

jest.setTimeout(180_000);

/** A receiver on a loopback address that counts what reaches it; null when the address is not available. */
async function receiver(address: string): Promise<{ port: number; hits: string[]; server: Server } | null> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(204).end();
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(0, address, () => resolve({ port: (server.address() as AddressInfo).port, hits, server }));
  });
}

/** Every spelling of loopback the WHATWG URL parser turns into 127.0.0.1 or ::ffff:7f00:1. */
const loopbackForms = (p: number) => [
  `http://127.0.0.1:${p}/hook`,
  `http://[::ffff:127.0.0.1]:${p}/hook`,
  `http://[0:0:0:0:0:ffff:7f00:1]:${p}/hook`,
  `http://localhost:${p}/hook`,
  `http://0.0.0.0:${p}/hook`,
  `http://2130706433:${p}/hook`,
  `http://0x7f.1:${p}/hook`,
  `https://127.1:${p}/hook`,
];

/** Other addresses inside private networks, and NAT64 / 6to4 wrappings of loopback. */
const privateUrls = [
  'http://10.0.0.1/hook',
  'http://172.17.0.1:6379/',
  'http://192.168.1.1/',
  'http://100.64.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  'http://[fd00::1]/',
  'http://[fe80::1]/',
  'http://[64:ff9b::7f00:1]/',
  'http://[2002:7f00:1::1]/',
  'http://[::7f00:1]/',
];

describe('webhook callbacks may not point inside the network (SSRF)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let v4: NonNullable<Awaited<ReturnType<typeof receiver>>>;
  let v6: Awaited<ReturnType<typeof receiver>>;
  const slug = `ssrf-${Date.now().toString(36)}`;
  let refused: string[];

  beforeAll(async () => {
    v4 = (await receiver('127.0.0.1'))!;
    v6 = await receiver('::1');
    refused = [
      ...loopbackForms(v4.port),
      ...(v6 ? [`http://[::1]:${v6.port}/hook`, `http://[0:0:0:0:0:0:0:1]:${v6.port}/hook`] : []),
      ...privateUrls,
    ];
    system = await startSystem({ BASTION_WEBHOOK_ALLOW_PRIVATE: 'false' });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    expect((await admin.importProblem(sumProblem(), slug)).status).toBe(201);
  });

  afterAll(async () => {
    await system?.stop();
    v4?.server.close();
    v6?.server.close();
  });

  it('POST /submissions refuses each of them with 422 CALLBACK_URL_REFUSED and stores nothing', async () => {
    for (const callbackUrl of refused) {
      const r = await admin.request('POST', '/submissions', {
        problem: slug,
        language: 'python',
        source: 'print(1)\n',
        callbackUrl,
      });
      expect({ callbackUrl, status: r.status, code: r.body.error?.code }).toEqual({
        callbackUrl,
        status: 422,
        code: 'CALLBACK_URL_REFUSED',
      });
      expect(r.body.error.message).toMatch(/not (a )?public/);
    }
    const stored = await admin.request('GET', `/submissions?problem=${slug}`);
    expect(stored.body.total).toBe(0);
  });

  it('POST /submissions/batch refuses them item by item', async () => {
    const r = await admin.request('POST', '/submissions/batch', {
      submissions: refused.map((callbackUrl) => ({
        problem: slug,
        language: 'python',
        source: 'print(1)\n',
        callbackUrl,
      })),
    });
    expect(r.status).toBe(202);
    expect(r.body.items.map((i: any) => i.error?.code)).toEqual(refused.map(() => 'CALLBACK_URL_REFUSED'));
    expect((await admin.request('GET', `/submissions?problem=${slug}`)).body.total).toBe(0);
  });

  it('POST /tokens refuses each of them as its callback URL', async () => {
    for (const callbackUrl of refused) {
      const r = await admin.request('POST', '/tokens', { name: 'ssrf', scopes: ['submit'], callbackUrl });
      expect({ callbackUrl, status: r.status, code: r.body.error?.code }).toEqual({
        callbackUrl,
        status: 422,
        code: 'CALLBACK_URL_REFUSED',
      });
    }
    const tokens = await admin.request('GET', '/tokens');
    expect(tokens.body.filter((t: any) => t.name === 'ssrf')).toEqual([]);
  });

  it('refuses credentials in the URL and a host that does not resolve, with clear messages', async () => {
    const creds = await admin.request('POST', '/tokens', {
      name: 'ssrf',
      scopes: ['submit'],
      callbackUrl: 'https://user:secret@hooks.example.com/',
    });
    expect(creds.status).toBe(422);
    expect(creds.body.error).toMatchObject({
      code: 'CALLBACK_URL_REFUSED',
      message: expect.stringMatching(/password/),
    });
    const nowhere = await admin.request('POST', '/submissions', {
      problem: slug,
      language: 'python',
      source: 'print(1)\n',
      callbackUrl: 'https://hooks.nowhere.invalid/hook',
    });
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.error).toMatchObject({
      code: 'CALLBACK_URL_REFUSED',
      message: 'callbackUrl: The host hooks.nowhere.invalid does not resolve',
    });
    // Not an http(s) URL at all stays a validation error.
    const file = await admin.request('POST', '/tokens', {
      name: 'x',
      scopes: ['submit'],
      callbackUrl: 'file:///etc/passwd',
    });
    expect(file.body.error?.code).toBe('VALIDATION_FAILED');
  });

  it('still takes a public address', async () => {
    const r = await admin.request('POST', '/tokens', {
      name: 'public-hook',
      scopes: ['submit'],
      callbackUrl: 'https://93.184.215.14/bastion/hook',
    });
    expect(r.status).toBe(201);
    await admin.request('DELETE', `/tokens/${r.body.id}`);
  });

  it('let nothing reach the receivers', () => {
    expect(v4.hits).toEqual([]);
    expect(v6?.hits ?? []).toEqual([]);
  });
});
