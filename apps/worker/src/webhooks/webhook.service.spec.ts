import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { ObjectLiteral, Repository } from 'typeorm';
import type { BastionConfig } from '@bastion/config';
import { SIGNATURE_HEADER, verifyWebhook } from '@bastion/contracts';
import type { ProblemEntity, SubmissionEntity, TestResultEntity, WebhookDeliveryEntity } from '@bastion/db';
import { OutboundFailed, OutboundRefused } from '@bastion/outbound';
import { DeliveryFailed, deliveryError, WebhookService } from './webhook.service';

const SECRET = 'a-webhook-secret-for-tests';
const SUB = { id: 'b1d1c1a0-0000-4000-8000-000000000001', problemId: 'p1', userId: 'u1', security: null };

/** The service against in-memory repositories; `rows` collects the recorded delivery attempts. */
function service(callbackUrl: string, allowPrivate: boolean) {
  const rows: Partial<WebhookDeliveryEntity>[] = [];
  const repo = <T extends ObjectLiteral>(r: Partial<Repository<T>>) => r as Repository<T>;
  const svc = new WebhookService(
    { webhooks: { secret: SECRET, attempts: 3, allowPrivate } } as BastionConfig,
    repo<SubmissionEntity>({ findOneBy: async () => ({ ...SUB, callbackUrl }) as unknown as SubmissionEntity }),
    repo<ProblemEntity>({ findOneBy: async () => ({ slug: 'sum' }) as ProblemEntity }),
    repo<TestResultEntity>({ find: async () => [] }),
    repo<WebhookDeliveryEntity>({
      insert: async (row) => {
        rows.push(row as Partial<WebhookDeliveryEntity>);
        return {} as never;
      },
    }),
  );
  return { svc, rows };
}

describe('WebhookService.deliver', () => {
  let server: Server;
  let port: number;
  const got: { headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ headers: req.headers, body });
        res.writeHead(req.url === '/fail' ? 500 : 204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => (got.length = 0));

  it.each([
    '127.0.0.1',
    '[::ffff:127.0.0.1]',
    '[0:0:0:0:0:ffff:7f00:1]',
    'localhost',
    '0.0.0.0',
    '2130706433',
    '0x7f.1',
  ])('refuses loopback (%s) without the allowance, records a coarse error and sends nothing', async (host) => {
    const { svc, rows } = service(`http://${host}:${port}/hook`, false);
    await expect(svc.deliver(SUB.id, 1)).rejects.toThrow(DeliveryFailed);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ statusCode: null, error: 'refused: the address is not public' });
    expect(rows[0].durationMs! % 100).toBe(0);
    expect(got).toEqual([]);
  });

  it('delivers, signed, when private addresses are allowed', async () => {
    const { svc, rows } = service(`http://127.0.0.1:${port}/hook`, true);
    await svc.deliver(SUB.id, 2);
    expect(rows[0]).toMatchObject({ statusCode: 204, error: null, attempt: 2 });
    expect(got).toHaveLength(1);
    expect(verifyWebhook(SECRET, got[0].body, String(got[0].headers[SIGNATURE_HEADER]))).toBe(true);
    expect(got[0].headers['x-bastion-delivery']).toBe(`${SUB.id}/2`);
    expect(JSON.parse(got[0].body)).toMatchObject({ event: 'submission.finished', submission: { id: SUB.id } });
  });

  it('records a non-2xx answer as its status, and throws so the queue retries', async () => {
    const { svc, rows } = service(`http://127.0.0.1:${port}/fail`, true);
    await expect(svc.deliver(SUB.id, 1)).rejects.toThrow('answered HTTP 500');
    expect(rows[0]).toMatchObject({ statusCode: 500, error: 'answered HTTP 500' });
  });

  it('says only "could not connect" for a closed port, with no address or errno text', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { svc, rows } = service(`http://127.0.0.1:${closedPort}/`, true);
    await expect(svc.deliver(SUB.id, 1)).rejects.toThrow(DeliveryFailed);
    expect(rows[0]).toMatchObject({ statusCode: null, error: 'could not connect' });
  });
});

describe('deliveryError', () => {
  it('keeps the stored error coarse', () => {
    expect(deliveryError(new OutboundRefused('not-public', '10.0.0.5 is not a public address (private)'))).toBe(
      'refused: the address is not public',
    );
    expect(deliveryError(new OutboundRefused('unresolvable', 'The host x does not resolve'))).toBe(
      'could not resolve the host',
    );
    expect(deliveryError(new OutboundRefused('userinfo', '...'))).toBe('refused: the URL is not allowed');
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6379'), { code: 'ECONNREFUSED' });
    expect(deliveryError(new OutboundFailed('connect', 'could not connect', { cause: refused }))).toBe(
      'could not connect',
    );
    expect(deliveryError(new OutboundFailed('timeout', 'timed out'))).toBe('timed out');
    expect(deliveryError(new Error('connect ECONNREFUSED 10.0.0.5:6379'))).toBe('could not deliver');
  });
});
