import { isPrivateAddress } from './webhook.service';

describe('isPrivateAddress', () => {
  it('knows loopback, private, link-local and unique-local ranges', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.17.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:10.0.0.1',
    ]) {
      expect(isPrivateAddress(ip)).toBe(true);
    }
    for (const ip of ['1.1.1.1', '172.32.0.1', '8.8.8.8', '2001:db8::1']) expect(isPrivateAddress(ip)).toBe(false);
  });
});
