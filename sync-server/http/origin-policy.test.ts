import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createOriginPolicy, hostName } from './origin-policy.js';

describe('origin policy (DESIGN §8)', () => {
  const policy = createOriginPolicy({ port: 4000, tls: false, allowedHosts: ['shop.example.com'], allowedOrigins: ['https://tablet.example.com/'] });

  it('answers IP literals, loopback names, this machine and configured names, nothing else', () => {
    for (const host of ['127.0.0.1:4000', '192.168.1.20:4000', '[::1]:4000', '[fe80::1]', 'localhost', 'till.localhost', 'shop.example.com', 'SHOP.example.com.', os.hostname(), undefined]) {
      expect(policy.hostAllowed(host), String(host)).toBe(true);
    }
    for (const host of ['evil.example', 'localhost.evil.example', '127.0.0.1.evil.example', 'a b', '[::1', '', 'x:99999999']) {
      expect(policy.hostAllowed(host), host).toBe(false);
    }
  });

  it('allows the app, loopback pages, its own origin and configured origins; refuses the rest', () => {
    for (const origin of ['app://stockroom', 'http://127.0.0.1:5173', 'http://localhost:3000', 'https://tablet.example.com', 'http://localhost:4000', 'http://shop.example.com:4000', undefined]) {
      expect(policy.originAllowed(origin), String(origin)).toBe(true);
    }
    for (const origin of ['https://evil.example', 'null', 'http://192.0.2.7:4000', 'https://shop.example.com', 'app://other', 'file://', 'garbage', 'http://127.0.0.1.evil.example']) {
      expect(policy.originAllowed(origin), origin).toBe(false);
    }
  });

  it('parses Host values strictly', () => {
    expect(hostName('Example.COM:80')).toBe('example.com');
    expect(hostName('[::1]:4000')).toBe('::1');
    expect(hostName('[::1]x')).toBeNull();
    expect(hostName('a/b')).toBeNull();
  });
});
