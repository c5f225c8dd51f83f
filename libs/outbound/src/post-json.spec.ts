import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { checkUrl, OutboundFailed, OutboundRefused, postJson, type ResolvedAddress } from './index';

interface Seen {
  url: string;
  host: string | undefined;
  body: string;
}

/** A receiver on a loopback address that records every request and answers as `answer` says. */
async function receiver(
  address: string,
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(204).end(),
): Promise<{ port: number; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', host: req.headers.host, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, address, resolve));
  return { port: (server.address() as AddressInfo).port, seen, server };
}

const close = (s: Server) => new Promise<void>((r) => s.close(() => r()));
const strict = { allowPrivate: false, timeoutMs: 3000 };
const allowed = { allowPrivate: true, timeoutMs: 3000 };
/** A resolver that answers each call with the next list and counts the calls. */
function fakeResolver(...answers: ResolvedAddress[][]) {
  const calls: string[] = [];
  const resolver = async (host: string) => {
    calls.push(host);
    return answers[Math.min(calls.length - 1, answers.length - 1)];
  };
  return { resolver, calls };
}
const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });

describe('postJson against a receiver on 127.0.0.1', () => {
  let hook: Awaited<ReturnType<typeof receiver>>;
  const forms = (p: number) => [
    `http://127.0.0.1:${p}/hook`,
    `http://[::ffff:127.0.0.1]:${p}/hook`,
    `http://[0:0:0:0:0:ffff:7f00:1]:${p}/hook`,
    `http://localhost:${p}/hook`,
    `http://0.0.0.0:${p}/hook`,
    `http://2130706433:${p}/hook`,
    `http://0x7f.1:${p}/hook`,
    `http://127.1:${p}/hook`,
  ];

  beforeEach(async () => {
    hook = await receiver('127.0.0.1', (req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: `http://127.0.0.1:${hook.port}/elsewhere` }).end();
      else res.writeHead(204).end();
    });
  });
  afterEach(() => close(hook.server));

  it('refuses every spelling of loopback without allowPrivate, and nothing reaches the receiver', async () => {
    for (const url of forms(hook.port)) {
      const e = await postJson(url, '{}', {}, strict).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(OutboundRefused);
      expect(e).toMatchObject({ kind: 'not-public' });
    }
    expect(hook.seen).toEqual([]);
  });

  it('delivers to every one of those spellings with allowPrivate (so the refusals above are real)', async () => {
    for (const url of forms(hook.port)) {
      await expect(postJson(url, '{"n":1}', { 'x-test': '1' }, allowed)).resolves.toEqual({ statusCode: 204 });
    }
    expect(hook.seen).toHaveLength(forms(hook.port).length);
    expect(hook.seen.every((s) => s.url === '/hook' && s.body === '{"n":1}')).toBe(true);
  });

  it('does not follow a redirect: a 302 is just a status', async () => {
    const r = await postJson(`http://127.0.0.1:${hook.port}/redirect`, '{}', {}, allowed);
    expect(r).toEqual({ statusCode: 302 });
    expect(hook.seen.map((s) => s.url)).toEqual(['/redirect']);
  });

  it('resolves once and connects to the address it checked, sending the original Host', async () => {
    // A rebinding DNS: loopback (allowed here) first, an unroutable address for any later question.
    const dns = fakeResolver([v4('127.0.0.1')], [v4('192.0.2.1')]);
    const r = await postJson(`http://hook.example:${hook.port}/hook`, '{}', {}, { ...allowed, resolver: dns.resolver });
    expect(r).toEqual({ statusCode: 204 });
    expect(dns.calls).toEqual(['hook.example']);
    expect(hook.seen).toEqual([{ url: '/hook', host: `hook.example:${hook.port}`, body: '{}' }]);
  });

  it('never lets a second DNS answer (loopback) replace the public one it checked', async () => {
    const dns = fakeResolver([v4('8.8.8.8')], [v4('127.0.0.1')]);
    const e = await postJson(
      `http://rebind.example:${hook.port}/hook`,
      '{}',
      {},
      {
        ...strict,
        timeoutMs: 1000,
        resolver: dns.resolver,
      },
    ).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(OutboundFailed); // 8.8.8.8 does not answer on that port (or there is no network)
    expect(dns.calls).toHaveLength(1);
    expect(hook.seen).toEqual([]);
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const dns = fakeResolver([v4('8.8.8.8'), v4('127.0.0.1')]);
    const e = await postJson(
      `http://mixed.example:${hook.port}/`,
      '{}',
      {},
      { ...strict, resolver: dns.resolver },
    ).catch((err: unknown) => err);
    expect(e).toMatchObject({
      kind: 'not-public',
      message: 'The host mixed.example resolves to an address that is not public',
    });
    expect(hook.seen).toEqual([]);
  });
});

describe('postJson failures', () => {
  it('reaches ::1 only with allowPrivate', async () => {
    const hook = await receiver('::1').catch(() => null);
    if (!hook) return; // no IPv6 loopback on this host
    try {
      await expect(postJson(`http://[::1]:${hook.port}/`, '{}', {}, strict)).rejects.toMatchObject({
        reason: 'loopback',
      });
      expect(hook.seen).toEqual([]);
      await expect(postJson(`http://[::1]:${hook.port}/`, '{}', {}, allowed)).resolves.toEqual({ statusCode: 204 });
    } finally {
      await close(hook.server);
    }
  });

  it('says "could not connect" without the address or port when nothing listens', async () => {
    const hook = await receiver('127.0.0.1');
    const port = hook.port;
    await close(hook.server);
    const e = await postJson(`http://127.0.0.1:${port}/`, '{}', {}, allowed).catch((err: unknown) => err);
    expect(e).toMatchObject({ name: 'OutboundFailed', kind: 'connect', message: 'could not connect' });
    expect(String((e as Error).message)).not.toContain(String(port));
  });

  it('times out a receiver that never answers', async () => {
    const hook = await receiver('127.0.0.1', () => undefined);
    try {
      const e = await postJson(`http://127.0.0.1:${hook.port}/`, '{}', {}, { ...allowed, timeoutMs: 300 }).catch(
        (err: unknown) => err,
      );
      expect(e).toMatchObject({ kind: 'timeout', message: 'timed out' });
    } finally {
      hook.server.closeAllConnections();
      await close(hook.server);
    }
  });

  it('reads a large answer only up to the cap', async () => {
    const hook = await receiver('127.0.0.1', (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const more = () => {
        while (res.write(chunk));
        res.once('drain', more);
      };
      more(); // endless
    });
    try {
      await expect(
        postJson(`http://127.0.0.1:${hook.port}/`, '{}', {}, { ...allowed, maxBodyBytes: 1024 }),
      ).resolves.toEqual({ statusCode: 500 });
    } finally {
      hook.server.closeAllConnections();
      await close(hook.server);
    }
  });
});

describe('checkUrl', () => {
  it.each([
    ['ftp://example.com/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['http://user:pass@example.com/', 'userinfo'],
    ['http://user@example.com/', 'userinfo'],
    ['not a url', 'bad-url'],
    ['http://[fe80::1%25eth0]/', 'bad-url'],
  ])('refuses %s (%s)', async (url, kind) => {
    await expect(checkUrl(url, { allowPrivate: true })).rejects.toMatchObject({ kind });
  });

  it('refuses a host that does not resolve, or not in time', async () => {
    const none = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    };
    await expect(checkUrl('http://nowhere.invalid/', { allowPrivate: false, resolver: none })).rejects.toMatchObject({
      kind: 'unresolvable',
      message: 'The host nowhere.invalid does not resolve',
    });
    const slow = () => new Promise<ResolvedAddress[]>(() => undefined);
    await expect(
      checkUrl('http://slow.example/', { allowPrivate: false, resolver: slow, resolveTimeoutMs: 50 }),
    ).rejects.toMatchObject({ kind: 'unresolvable' });
  });

  it('gives back the URL and the addresses it checked', async () => {
    const dns = fakeResolver([v4('8.8.8.8'), { address: '2606:4700::1111', family: 6 }]);
    const r = await checkUrl('https://hook.example/x?y=1', { allowPrivate: false, resolver: dns.resolver });
    expect(r.url.href).toBe('https://hook.example/x?y=1');
    expect(r.addresses.map((a) => a.address)).toEqual(['8.8.8.8', '2606:4700::1111']);
    await expect(checkUrl('http://[2606:4700::1111]:81/', { allowPrivate: false })).resolves.toMatchObject({
      addresses: [{ address: '2606:4700::1111', family: 6 }],
    });
  });
});
