import { isIPv4 } from 'node:net';

/**
 * Why an address is not a public unicast one ('loopback', 'private', ...), or null when it is.
 * IPv4-mapped IPv6 (::ffff:a.b.c.d, in any spelling) is judged by the IPv4 address inside it;
 * other IPv6 forms that carry an IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible, IPv4-translated)
 * are refused outright: where they lead depends on gateways we cannot see. Anything that is not an
 * IP address at all is refused too ('not-an-address').
 */
export function classifyAddress(ip: string): string | null {
  const v4 = parseIPv4(ip);
  if (v4 !== null) return classifyIPv4(v4);
  const v6 = parseIPv6(ip);
  if (v6 !== null) return classifyIPv6(v6);
  return 'not-an-address';
}

/** True when `classifyAddress` finds nothing wrong with the address. */
export const isPublicAddress = (ip: string): boolean => classifyAddress(ip) === null;

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or null. Only the canonical form is taken. */
export function parseIPv4(ip: string): number | null {
  if (!isIPv4(ip)) return null;
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/**
 * An IPv6 address as 8 groups of 16 bits, or null. Takes brackets, a zone id (%eth0), upper case,
 * `::` anywhere, leading zeros and a trailing dotted quad (::ffff:127.0.0.1).
 */
export function parseIPv6(input: string): number[] | null {
  let s = input.trim().toLowerCase();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (text: string): number[] | null => {
    if (text === '') return [];
    const out: number[] = [];
    const parts = text.split(':');
    for (const [i, part] of parts.entries()) {
      if (part.includes('.')) {
        const v4 = i === parts.length - 1 ? parseIPv4(part) : null;
        if (v4 === null) return null;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-f]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === null || tail === null) return null;
  // A dotted quad may only end the address, so it cannot sit before a `::`.
  if (halves.length === 2 && halves[0].includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** IANA special-purpose IPv4 ranges (RFC 6890 and successors): network, prefix length, reason. */
const IPV4_RANGES: [number, number, string][] = [
  [v4(255, 255, 255, 255), 32, 'broadcast'],
  [v4(0, 0, 0, 0), 8, 'this-network'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'cgnat'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'link-local'],
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'reserved'],
  [v4(192, 0, 2, 0), 24, 'documentation'],
  [v4(192, 88, 99, 0), 24, '6to4'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(198, 18, 0, 0), 15, 'benchmarking'],
  [v4(198, 51, 100, 0), 24, 'documentation'],
  [v4(203, 0, 113, 0), 24, 'documentation'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved'],
];

function classifyIPv4(n: number): string | null {
  for (const [net, bits, reason] of IPV4_RANGES) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === net) return reason;
  }
  return null;
}

function classifyIPv6(g: number[]): string | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const embedded = (g[6] * 0x10000 + g[7]) >>> 0;
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  if (zeros(0, 5) && g[5] === 0xffff) return classifyIPv4(embedded); // ::ffff:0:0/96, IPv4-mapped
  if (zeros(0, 6)) return 'ipv4-compatible'; // ::/96, deprecated (RFC 4291)
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return 'ipv4-translated'; // ::ffff:0:0:0/96 (RFC 2765)
  if (g[0] === 0x64 && g[1] === 0xff9b && (zeros(2, 6) || g[2] === 1)) return 'nat64'; // /96 and 64:ff9b:1::/48
  if (g[0] === 0x100 && zeros(1, 4)) return 'discard'; // 100::/64
  if (g[0] === 0x2001 && g[1] === 0) return 'teredo'; // 2001::/32
  if (g[0] === 0x2001 && g[1] < 0x200) return 'reserved'; // 2001::/23, IETF protocol assignments
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation'; // 2001:db8::/32
  if (g[0] === 0x3fff && g[1] < 0x1000) return 'documentation'; // 3fff::/20 (RFC 9637)
  if (g[0] === 0x2002) return '6to4'; // 2002::/16
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local'; // fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local'; // fec0::/10, deprecated
  if ((g[0] & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  // Only 2000::/3 is global unicast; the rest of the space is unassigned or special.
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved';
  return null;
}
