import { isIP } from 'node:net';
import os from 'node:os';

/**
 * Which browsers may talk to the server (DESIGN §8).
 *
 * Host: a browser page on an attacker's domain that re-resolves to this machine (DNS
 * rebinding) sends that domain as `Host`. Allowed are IP literals (no DNS involved, so
 * nothing to rebind), `localhost` and `*.localhost`, this machine's own names
 * (hostname, hostname.local) and the names given with `--allowed-host` (a reverse proxy's
 * public name); `*` allows any. A request without a Host header (not a browser) passes.
 *
 * Origin: requests without one (not a browser, or a same-origin navigation) pass. Allowed
 * are the desktop app (`app://stockroom`), pages served from this machine's loopback
 * (`npm start`'s web UI, on any port), this server's own origin (`serve --web`, from any
 * allowed host on this server's port and scheme), and the origins given with
 * `--allow-origin`. Everything else, `null` included, is refused before any work.
 */
export interface OriginPolicyOptions {
  port: number;
  tls: boolean;
  /** Extra Host names (exact, case-insensitive), or '*' for any. */
  allowedHosts?: readonly string[];
  /** Extra origins (`scheme://host[:port]`), or '*' for any. */
  allowedOrigins?: readonly string[];
}

export interface OriginPolicy {
  hostAllowed(host: string | undefined): boolean;
  originAllowed(origin: string | undefined): boolean;
}

export const APP_ORIGIN = 'app://stockroom';

/** `name[:port]` or `[v6][:port]` → lowercase name without brackets and trailing dot; null when malformed. */
export function hostName(host: string): string | null {
  const h = host.trim().toLowerCase();
  if (h.length === 0 || h.length > 300) return null;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return null;
    const rest = h.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return null;
    return h.slice(1, end);
  }
  const m = /^([a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(h);
  return m ? m[1]!.replace(/\.$/, '') : null;
}

function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

function isOwnAddress(ip: string): boolean {
  return Object.values(os.networkInterfaces()).some((list) => list?.some((a) => a.address.toLowerCase() === ip));
}

interface ParsedOrigin {
  scheme: string;
  name: string;
  port: number | null;
  text: string;
}

function parseOrigin(origin: string): ParsedOrigin | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#@\s]+)$/i.exec(origin.trim());
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const authority = m[2]!;
  const name = hostName(authority);
  if (name === null) return null;
  const portMatch = /:(\d{1,5})$/.exec(authority.endsWith(']') ? '' : authority);
  const port = portMatch ? Number(portMatch[1]) : scheme === 'http' ? 80 : scheme === 'https' ? 443 : null;
  return { scheme, name, port, text: `${scheme}://${authority.toLowerCase()}` };
}

export function createOriginPolicy(o: OriginPolicyOptions): OriginPolicy {
  const anyHost = o.allowedHosts?.includes('*') ?? false;
  const own = new Set([os.hostname().toLowerCase(), `${os.hostname().toLowerCase()}.local`]);
  const extraHosts = new Set((o.allowedHosts ?? []).map((h) => hostName(h) ?? h.toLowerCase()));
  const anyOrigin = o.allowedOrigins?.includes('*') ?? false;
  const extraOrigins = new Set(
    (o.allowedOrigins ?? []).map((x) => parseOrigin(x.replace(/\/+$/, ''))?.text).filter((x): x is string => !!x),
  );
  const scheme = o.tls ? 'https' : 'http';

  const nameAllowed = (name: string): boolean =>
    anyHost || isIP(name) !== 0 || isLoopbackName(name) || own.has(name) || extraHosts.has(name);

  return {
    hostAllowed(host) {
      if (host === undefined) return true;
      const name = hostName(host);
      return name !== null && nameAllowed(name);
    },
    originAllowed(origin) {
      if (origin === undefined) return true;
      if (anyOrigin) return true;
      const parsed = parseOrigin(origin);
      if (!parsed) return false;
      if (parsed.text === APP_ORIGIN || extraOrigins.has(parsed.text)) return true;
      if ((parsed.scheme === 'http' || parsed.scheme === 'https') && isLoopbackName(parsed.name)) return true;
      // Same origin: this server's scheme and port on one of this machine's names or addresses
      // (any IP literal is a fine Host, but not any IP's page a fine Origin).
      if (parsed.scheme !== scheme || parsed.port !== o.port) return false;
      return isIP(parsed.name) !== 0 ? isOwnAddress(parsed.name) : nameAllowed(parsed.name);
    },
  };
}
