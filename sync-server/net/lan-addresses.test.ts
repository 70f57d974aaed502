import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { connectInfo } from './lan-addresses.js';

const nic = (address: string, internal = false): os.NetworkInterfaceInfo =>
  ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` }) as os.NetworkInterfaceInfo;
const interfaces = { lo: [nic('127.0.0.1', true)], eth0: [nic('192.168.1.20')], wlan0: [nic('169.254.3.4')] };

describe('connectInfo (the addresses the pairing panel shows)', () => {
  it('a server on loopback only is not reachable from other tills, whatever the machine has', () => {
    expect(connectInfo({ host: '127.0.0.1', port: 4000, tls: false, webApp: false }, interfaces)).toEqual({ listensOnNetwork: false, serverUrls: [], webApp: false });
  });

  it('bound to every address: each LAN address, link-local last, with the scheme and port', () => {
    expect(connectInfo({ host: '0.0.0.0', port: 4100, tls: false, webApp: true }, interfaces)).toEqual({
      listensOnNetwork: true,
      serverUrls: ['http://192.168.1.20:4100', 'http://169.254.3.4:4100'],
      webApp: true,
    });
  });

  it('bound to one address: that one (https with TLS)', () => {
    expect(connectInfo({ host: '10.0.0.5', port: 443, tls: true, webApp: false }, interfaces).serverUrls).toEqual(['https://10.0.0.5:443']);
  });
});
