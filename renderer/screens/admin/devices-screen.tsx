/**
 * Owner: devices of the business (last seen, role, stores), one-time pairing
 * codes for a role + stores, and revocation — through the server's
 * `devices.*` procedures (they need a connection), read through react-query.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RouteProps } from '../../navigation/routes.js';
import type { Role } from '../../data/api.js';
import { useSession, useStockroom, useStores } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { Banner, Card, Page } from '../kit/page.js';
import { useIsOwner } from '../kit/roles.js';
import { DEVICES_QUERY, adminErrorText, type DeviceInfo } from './admin-api.js';
import { shortId } from '../../ui/short-id.js';
import { PairingCodePanel } from './pairing-code-panel.js';

export function DevicesScreen(_props: RouteProps) {
  const t = useT();
  const format = useFormat();
  const session = useSession();
  const isOwner = useIsOwner();
  const stores = useStores();
  const client = useStockroom();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: DEVICES_QUERY, queryFn: () => client.server.devices.list.query(), enabled: isOwner });
  const devices: DeviceInfo[] | null = list.data ?? null;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (list.error ? t('admin.devices.loadFailed', { detail: adminErrorText(t, list.error) }) : null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = () => {
    setError(null);
    return queryClient.invalidateQueries({ queryKey: DEVICES_QUERY });
  };

  if (!isOwner) {
    return (
      <Page title={t('admin.devices.title')}>
        <Banner tone="info">{t('admin.error.forbidden')}</Banner>
      </Page>
    );
  }

  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id.slice(0, 8);

  const revoke = async (d: DeviceInfo) => {
    if (!window.confirm(t('admin.devices.revokeConfirm', { name: d.deviceName }))) return;
    setBusyId(d.deviceId);
    try {
      await client.server.devices.revoke.mutate({ deviceId: d.deviceId });
      setNotice(t('admin.devices.revoked.done', { name: d.deviceName }));
      await load();
    } catch (err) {
      setError(adminErrorText(t, err));
    } finally {
      setBusyId(null);
    }
  };

  const sorted = devices
    ? [...devices].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0))
    : [];

  return (
    <Page
      title={t('admin.devices.title')}
      subtitle={t('admin.devices.intro')}
      actions={
        <button type="button" className="btn" onClick={() => void load()}>
          {t('admin.devices.refresh')}
        </button>
      }
    >
      {notice ? <Banner tone="success">{notice}</Banner> : null}
      {error ? (
        <Banner tone="danger">
          {error}{' '}
          <button type="button" className="btn btn--sm" onClick={() => void load()}>
            {t('admin.devices.retry')}
          </button>
        </Banner>
      ) : null}

      <PairingCodePanel />

      <Card title={t('admin.devices.title')}>
        {devices === null && !error ? <p className="muted">{t('common.loading')}</p> : null}
        {devices !== null && devices.length === 0 ? <p className="empty">{t('admin.devices.empty')}</p> : null}
        {sorted.length > 0 ? (
          <div className="mg-table-scroll">
            <table className="mg-table mg-devices" data-testid="devices">
              <thead>
                <tr>
                  <th scope="col">{t('admin.devices.name')}</th>
                  <th scope="col">{t('admin.devices.role')}</th>
                  <th scope="col">{t('admin.devices.stores')}</th>
                  <th scope="col">{t('admin.devices.paired')}</th>
                  <th scope="col">{t('admin.devices.lastSeen')}</th>
                  <th scope="col" title={t('admin.devices.pendingHint')}>{t('admin.devices.pending')}</th>
                  <th scope="col">{t('admin.devices.status')}</th>
                  <th scope="col"><span className="mg-visually-hidden">{t('admin.devices.revoke')}</span></th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((d) => {
                  const role: MessageKey = `admin.role.${d.role as Role}`;
                  return (
                    <tr key={d.deviceId} className={d.revokedAt !== null ? 'mg-row--revoked' : undefined}>
                      <th scope="row">
                        {d.deviceName}
                        {d.deviceId === session.deviceId ? <span className="mg-tag mg-tag--accent">{t('admin.devices.thisDevice')}</span> : null}
                        <div className="mono muted mg-small">{shortId(d.deviceId)}</div>
                      </th>
                      <td className="mg-nowrap">{t(role)}</td>
                      <td>{d.role === 'owner' ? t('admin.devices.allStores') : d.storeIds.map(storeName).join(', ')}</td>
                      <td className="mg-nowrap">{format.date(d.createdAt)}</td>
                      <td className="mg-nowrap">
                        {d.lastSeenAt === null ? (
                          t('admin.devices.never')
                        ) : (
                          <span title={format.dateTime(d.lastSeenAt)}>
                            {Date.now() - d.lastSeenAt < 60_000
                              ? t('admin.devices.justNow')
                              : t('admin.devices.ago', { age: format.age(Date.now() - d.lastSeenAt) })}
                          </span>
                        )}
                      </td>
                      <td className="mg-nowrap" data-testid="device-pending">
                        <PendingCell device={d} />
                      </td>
                      <td>
                        {d.revokedAt !== null ? (
                          <span className="mg-status mg-status--rejected">{t('admin.devices.revoked', { time: format.date(d.revokedAt) })}</span>
                        ) : (
                          <span className="mg-status mg-status--accepted">{t('admin.devices.active')}</span>
                        )}
                      </td>
                      <td className="mg-align-end">
                        {d.revokedAt !== null ? null : d.deviceId === session.deviceId ? (
                          // The server refuses it (an owner would lock itself out of device management).
                          <span className="hint">{t('admin.devices.revokeSelf')}</span>
                        ) : (
                          <button type="button" className="btn btn--sm btn--danger" disabled={busyId === d.deviceId} onClick={() => void revoke(d)}>
                            {t('admin.devices.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
    </Page>
  );
}

/**
 * What the device last reported about its unsynced movements (`devices.reportHealth`):
 * the count, the age of the oldest one, and how long ago it reported. "—" if it never did.
 */
function PendingCell({ device: d }: { device: DeviceInfo }) {
  const t = useT();
  const format = useFormat();
  if (d.pendingCount === null || d.healthReportedAt === null) {
    return <span className="muted" title={t('admin.devices.notReported')}>—</span>;
  }
  const now = Date.now();
  const sinceReport = now - d.healthReportedAt;
  return (
    <>
      <span className={d.pendingCount > 0 ? 'mg-warn' : undefined}>
        {d.pendingCount === 0 ? t('admin.devices.pendingNone') : format.number(d.pendingCount)}
      </span>
      {d.pendingCount > 0 && d.oldestPendingAt !== null ? (
        <span className="muted" title={format.dateTime(d.oldestPendingAt)}>
          {' · '}
          {t('admin.devices.pendingOldest', { age: format.age(Math.max(0, now - d.oldestPendingAt)) })}
        </span>
      ) : null}
      <div className="muted mg-small" title={format.dateTime(d.healthReportedAt)}>
        {sinceReport < 60_000
          ? t('admin.devices.reportedJustNow')
          : t('admin.devices.reported', { age: format.age(sinceReport) })}
      </div>
    </>
  );
}
