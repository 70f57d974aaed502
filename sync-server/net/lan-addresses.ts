import os from 'node:os';

/**
 * This machine's IPv4 addresses on its networks (not loopback), as other devices would use them;
 * link-local ones (169.254.x.x, no DHCP answer) last.
 */
export function lanAddresses(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): string[] {
  const found = new Set<string>();
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      // Node 18.0–18.3 reported the family as a number.
      const v4 = a.family === 'IPv4' || (a.family as unknown) === 4;
      if (v4 && !a.internal) found.add(a.address);
    }
  }
  const linkLocal = (ip: string) => ip.startsWith('169.254.');
  return [...found].sort((a, b) => Number(linkLocal(a)) - Number(linkLocal(b)));
}

/** What another till opens: the server's own web UI, told which server to pair with. */
export function lanAppAddress(address: string, port: number): string {
  const base = `http://${address}:${port}`;
  return `${base}/?server=${base}`;
}

/** Where the server listens, as the owner's pairing panel needs it (devices.connectInfo). */
export interface ListenInfo {
  host: string;
  port: number;
  tls: boolean;
  /** The server also serves the app (`--web`): another till opens it in a browser. */
  webApp: boolean;
}

export interface ConnectInfo {
  /** Other machines can reach it (bound to an address that is not loopback). */
  listensOnNetwork: boolean;
  /** Server addresses other tills pair with. */
  serverUrls: string[];
  webApp: boolean;
}

const LOOPBACK = /^(localhost|::1|127(?:\.\d{1,3}){3})$/;

/** The addresses other tills use: every LAN address when bound to all of them, else the one bound. */
export function connectInfo(listen: ListenInfo, interfaces?: NodeJS.Dict<os.NetworkInterfaceInfo[]>): ConnectInfo {
  const scheme = listen.tls ? 'https' : 'http';
  const host = listen.host.replace(/^\[|\]$/g, '');
  if (LOOPBACK.test(host)) return { listensOnNetwork: false, serverUrls: [], webApp: listen.webApp };
  const any = host === '0.0.0.0' || host === '::' || host === '';
  const hosts = any ? lanAddresses(interfaces) : [host];
  const serverUrls = hosts.map((h) => `${scheme}://${h.includes(':') ? `[${h}]` : h}:${listen.port}`);
  return { listensOnNetwork: true, serverUrls, webApp: listen.webApp };
}
