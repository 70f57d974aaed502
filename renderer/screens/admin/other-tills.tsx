import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { toString as qrSvg } from 'qrcode';
import { useSession, useStockroom } from '../../data/hooks.js';
import { useT } from '../../i18n/index.js';
import { isLocalHost } from '../../data/session.js';

interface ConnectInfo {
  listensOnNetwork: boolean;
  serverUrls: string[];
  webApp: boolean;
}

/** The page a tablet opens: the server's own app, told its address (and the code, for a QR). */
export function tillLink(serverUrl: string, code: string | null): string {
  const q = new URLSearchParams({ server: serverUrl });
  if (code) q.set('code', code);
  return `${serverUrl}/?${q.toString()}`;
}

/**
 * How another till reaches the server (issue 11 §10): the addresses it listens on for the
 * shop's network, or the one step that opens it (`npm run app -- --lan`); with a fresh code, a
 * QR code a tablet scans to open the app with the address and the code filled in.
 */
export function OtherTills({ code }: { code: string | null }) {
  const t = useT();
  const session = useSession();
  const client = useStockroom();
  const info: ConnectInfo | null = useQuery({ queryKey: ['devices.connectInfo'], queryFn: () => client.server.devices.connectInfo.query() }).data ?? null;
  const [qr, setQr] = useState<string | null>(null);
  let remote = false;
  try {
    remote = !isLocalHost(new URL(session.serverUrl).hostname);
  } catch {
    /* a stored session always has a valid URL */
  }

  const first = remote ? session.serverUrl : info?.serverUrls[0];
  const link = first && code && (remote || info?.webApp) ? tillLink(first, code) : null;
  useEffect(() => {
    let live = true;
    if (!link) return setQr(null);
    qrSvg(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => live && setQr(svg), () => live && setQr(null));
    return () => {
      live = false;
    };
  }, [link]);

  return (
    <div className="other-tills" data-testid="other-tills">
      <h3 className="mg-subtitle">{t('lan.title')}</h3>
      {remote ? (
        <p className="mg-small">{t('lan.remote', { url: session.serverUrl })}</p>
      ) : info && !info.listensOnNetwork ? (
        <p className="mg-small" data-testid="lan-local-only">{t('lan.localOnly', { command: 'npm run app -- --lan' })}</p>
      ) : info ? (
        <>
          <p className="mg-small">{t('lan.addresses')}</p>
          <ul className="other-tills__urls" data-testid="lan-addresses">
            {info.serverUrls.map((u) => (
              <li key={u} className="mono">{info.webApp ? tillLink(u, null) : u}</li>
            ))}
          </ul>
          {!session.serverUrl.startsWith('https:') && <p className="hint">{t('lan.trust')}</p>}
        </>
      ) : null}
      {qr && link && (
        <figure className="other-tills__qr" data-testid="pairing-qr" data-link={link}>
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`} alt={link} width={168} height={168} />
          <figcaption className="hint">{t('lan.qr')}</figcaption>
        </figure>
      )}
    </div>
  );
}
