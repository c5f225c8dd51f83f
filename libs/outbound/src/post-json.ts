import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { checkUrl, hostOf, type CheckOptions, type ResolvedAddress } from './check-url';
import { OutboundFailed } from './errors';

export interface PostOptions extends CheckOptions {
  /** For the whole call: resolving, connecting, sending and reading the answer. */
  timeoutMs: number;
  /** How much of the answer's body is read (and thrown away) before the connection is cut; default 64 KiB. */
  maxBodyBytes?: number;
}

/**
 * POSTs `body` (JSON) to `url` after `checkUrl`, connecting only to the addresses that were checked:
 * the socket's lookup hands them back instead of asking DNS again, so a rebinding answer cannot slip
 * in between the check and the connection. Redirects are not followed (a 3xx is just a status).
 * Resolves with the status; throws OutboundRefused (nothing sent) or OutboundFailed.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<{ statusCode: number }> {
  const deadline = Date.now() + options.timeoutMs;
  const checked = await checkUrl(url, {
    ...options,
    resolveTimeoutMs: Math.min(options.resolveTimeoutMs ?? 3000, options.timeoutMs),
  });
  const left = deadline - Date.now();
  if (left <= 0) throw new OutboundFailed('timeout', 'timed out');
  const { url: u, addresses } = checked;
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    let statusCode: number | undefined;
    let settled = false;
    const finish = (error?: OutboundFailed) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      if (statusCode !== undefined) resolve({ statusCode });
      else reject(error ?? new OutboundFailed('protocol', 'no answer'));
    };
    const host = hostOf(u);
    const req = send({
      host,
      // The certificate is checked against the name in the URL, not the address we connect to.
      servername: isIP(host) ? undefined : host,
      port: u.port || undefined,
      path: `${u.pathname}${u.search}`,
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(addresses),
      headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length, host: u.host },
    });
    // After the status line the answer counts as given, even if its body then stalls.
    const timer = setTimeout(() => finish(new OutboundFailed('timeout', 'timed out')), left);
    req.on('response', (res: IncomingMessage) => {
      statusCode = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > (options.maxBodyBytes ?? 64 * 1024)) finish();
      });
      res.on('end', () => finish());
      res.on('error', () => finish());
      res.on('close', () => finish());
    });
    req.on('error', (e) => finish(failure(e)));
    req.end(payload);
  });
}

/** A socket lookup that answers with the checked addresses, whatever name it is asked for. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, opts, callback) => {
    if (opts.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

function failure(e: Error & { code?: string }): OutboundFailed {
  const code = e.code ?? '';
  if (code === 'ETIMEDOUT') return new OutboundFailed('timeout', 'timed out', { cause: e });
  if (/^HPE_|^ECONNRESET$|^ERR_HTTP/.test(code))
    return new OutboundFailed('protocol', 'no valid HTTP answer', { cause: e });
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_SSL/.test(code) || /certificate|SSL|TLS/i.test(e.message)) {
    return new OutboundFailed('tls', 'TLS failed', { cause: e });
  }
  return new OutboundFailed('connect', 'could not connect', { cause: e });
}
