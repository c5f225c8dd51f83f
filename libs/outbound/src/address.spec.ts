import { classifyAddress, parseIPv6 } from './address';

/** The host name the WHATWG URL parser (the one fetch, the API and the worker use) makes of a URL. */
const hostOfUrl = (url: string) => new URL(url).hostname;

describe('classifyAddress', () => {
  it.each([
    // IPv4, every special-purpose range
    ['0.0.0.0', 'this-network'],
    ['0.255.1.2', 'this-network'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['192.88.99.1', '6to4'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // IPv6 specials
    ['::', 'unspecified'],
    ['0:0:0:0:0:0:0:0', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['0000:0000:0000:0000:0000:0000:0000:0001', 'loopback'],
    ['[::1]', 'loopback'],
    // IPv4-mapped: judged by the IPv4 inside, in dotted and hex forms, compressed or not, any case
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:7F00:0001', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:FFFF:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a00:1', 'private'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:0.0.0.0', 'this-network'],
    ['::ffff:6440:1', 'cgnat'],
    // other IPv6 forms carrying an IPv4 address: refused outright
    ['::7f00:1', 'ipv4-compatible'],
    ['::127.0.0.1', 'ipv4-compatible'],
    ['::8.8.8.8', 'ipv4-compatible'],
    ['::ffff:0:7f00:1', 'ipv4-translated'],
    ['::ffff:0:8.8.8.8', 'ipv4-translated'],
    ['64:ff9b::7f00:1', 'nat64'],
    ['64:ff9b::8.8.8.8', 'nat64'],
    ['64:ff9b:1::a00:1', 'nat64'],
    ['2002:7f00:1::', '6to4'],
    ['2002:808:808::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['2001::1', 'teredo'],
    ['2001:1::1', 'reserved'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['100::1', 'discard'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['FD00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['FE80::1%25', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['4000::1', 'reserved'],
    // not addresses at all
    ['localhost', 'not-an-address'],
    ['127.1', 'not-an-address'],
    ['1:2:3:4:5:6:7:8:9', 'not-an-address'],
    ['1::2::3', 'not-an-address'],
    ['', 'not-an-address'],
  ])('%s is %s', (ip, reason) => {
    expect(classifyAddress(ip)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '2606:4700:0:0:0:0:0:1111',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '2a00:1450:4001:80b::200e',
  ])('%s is public', (ip) => {
    expect(classifyAddress(ip)).toBeNull();
  });

  it.each([
    ['http://127.0.0.1:8080/', 'loopback'],
    ['http://[::ffff:127.0.0.1]:8080/', 'loopback'],
    ['http://[0:0:0:0:0:ffff:7f00:1]:8080/', 'loopback'],
    ['http://[::FFFF:7F00:1]/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[0000::0001]/', 'loopback'],
    ['http://0.0.0.0/', 'this-network'],
    ['http://0/', 'this-network'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://3232235777/', 'private'],
    ['http://0xa9.0xfe.0xa9.0xfe/', 'link-local'],
    ['http://[::7f00:1]/', 'ipv4-compatible'],
    ['http://[::127.0.0.1]/', 'ipv4-compatible'],
    ['http://[64:ff9b::127.0.0.1]/', 'nat64'],
    ['http://[::ffff:0:127.0.0.1]/', 'ipv4-translated'],
    ['http://[2002:7f00:1::1]/', '6to4'],
    ['http://[fd00::1]/', 'unique-local'],
    ['http://100.64.0.1/', 'cgnat'],
  ])('the host of %s is %s', (url, reason) => {
    expect(classifyAddress(hostOfUrl(url))).toBe(reason);
  });

  it.each(['http://8.8.8.8/', 'https://[2606:4700::1111]/', 'http://[::ffff:8.8.8.8]/', 'http://134744072/'])(
    'the host of %s is public',
    (url) => {
      expect(classifyAddress(hostOfUrl(url))).toBeNull();
    },
  );
});

describe('parseIPv6', () => {
  it('expands ::, takes a trailing dotted quad and drops a zone id', () => {
    expect(parseIPv6('1::8')).toEqual([1, 0, 0, 0, 0, 0, 0, 8]);
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('1:2:3:4:5:6:7::')).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
  });

  it('refuses what is not an address', () => {
    for (const s of [
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      ':1::',
      '1.2.3.4::',
      '::1.2.3.4:5',
      '12345::',
      'g::1',
      '1:2:3:4:5:6:7',
    ]) {
      expect(parseIPv6(s)).toBeNull();
    }
  });
});
