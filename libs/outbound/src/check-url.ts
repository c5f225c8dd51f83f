import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address';
import { OutboundRefused } from './errors';

/** One answer of a resolver, as `dns.lookup(host, { all: true })` gives them. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses; `dns.lookup` unless a test brings its own. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface CheckOptions {
  /** Let loopback, private and other non-public addresses through (development, tests). */
  allowPrivate: boolean;
  resolver?: Resolver;
  /** How long resolving may take (default 3 s). */
  resolveTimeoutMs?: number;
}

/** A URL that may be called, with the addresses it was checked against: connect to these, not to a new lookup. */
export interface CheckedUrl {
  url: URL;
  addresses: ResolvedAddress[];
}

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Checks that `input` is an http(s) URL without credentials whose host resolves (once) to public
 * addresses only, and returns them. Throws OutboundRefused otherwise.
 */
export async function checkUrl(input: string | URL, options: CheckOptions): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundRefused('bad-url', 'The URL is not valid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefused('scheme', `The URL must be http or https, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.username || url.password) {
    throw new OutboundRefused('userinfo', 'The URL must not carry a user name or password');
  }
  const host = hostOf(url);
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await resolve(host, options.resolver ?? systemResolver, options.resolveTimeoutMs ?? 3000);
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const reason = classifyAddress(address);
      if (reason === null) continue;
      throw new OutboundRefused(
        'not-public',
        isIP(host)
          ? `${host} is not a public address (${reason})`
          : `The host ${host} resolves to an address that is not public`,
        reason,
      );
    }
  }
  return { url, addresses };
}

/** The URL's host name without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

async function resolve(host: string, resolver: Resolver, timeoutMs: number): Promise<ResolvedAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new OutboundRefused('unresolvable', `The host ${host} did not resolve within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const found = await Promise.race([resolver(host), timeout]);
    if (found.length === 0) throw new Error('no addresses');
    return found;
  } catch (e) {
    if (e instanceof OutboundRefused) throw e;
    throw new OutboundRefused('unresolvable', `The host ${host} does not resolve`);
  } finally {
    clearTimeout(timer);
  }
}
