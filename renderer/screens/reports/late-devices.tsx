/**
 * How complete a report is (issue 15 §3): the devices whose movements may not be in it yet,
 * from the sync health the server keeps per device (`devices.list`, owners only, online only).
 */
import { useQuery } from '@tanstack/react-query';
import { useSession, useStockroom, useSyncHealth } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { DEVICES_QUERY } from '../admin/admin-api.js';
import { Banner } from '../kit/page.js';
import { useIsOwner } from '../kit/roles.js';
import { lateDevices } from './report-source.js';

export function LateDevices({ end }: { end: number }) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const session = useSession();
  const isOwner = useIsOwner();
  const online = useSyncHealth().connection === 'online';
  const list = useQuery({ queryKey: DEVICES_QUERY, queryFn: () => client.server.devices.list.query(), enabled: isOwner && online });
  if (!isOwner) return null;
  if (!list.data) return online ? null : <p className="muted mg-small">{t('reports.late.unknown')}</p>;
  const now = Date.now();
  const late = lateDevices(list.data, session.deviceId, end, now);
  if (late.length === 0) return null;
  return (
    <Banner tone="warning">
      <strong>{t('reports.late.title')}</strong>
      <ul className="rp-late" data-testid="late-devices">
        {late.map((d) => (
          <li key={d.deviceId}>
            {d.lastSeenAt === null
              ? t('reports.late.never', { device: d.deviceName })
              : t('reports.late.seen', { device: d.deviceName, age: format.age(now - d.lastSeenAt) })}
            {(d.pendingCount ?? 0) > 0 ? ` ${t('reports.late.pending', { device: d.deviceName, count: d.pendingCount ?? 0 })}` : null}
          </li>
        ))}
      </ul>
    </Banner>
  );
}
