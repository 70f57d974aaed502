import { describe, expect, it } from 'vitest';
import { canManageDevices, canPushCollection, canSeeStore, type DeviceIdentity } from './access.js';

const device = (role: DeviceIdentity['role'], storeIds: string[] = ['a']): DeviceIdentity => ({
  deviceId: 'd',
  tenantId: 't',
  role,
  storeIds,
});

describe('access rules', () => {
  it('scopes staff and managers to their stores, owners see all', () => {
    expect(canSeeStore(device('staff'), 'a')).toBe(true);
    expect(canSeeStore(device('staff'), 'b')).toBe(false);
    expect(canSeeStore(device('manager'), 'b')).toBe(false);
    expect(canSeeStore(device('owner', []), 'b')).toBe(true);
  });

  it('lets staff push only movements', () => {
    expect(canPushCollection(device('staff'), 'movements')).toBe(true);
    expect(canPushCollection(device('staff'), 'products')).toBe(false);
    expect(canPushCollection(device('staff'), 'stock')).toBe(false);
    expect(canPushCollection(device('manager'), 'products')).toBe(true);
    expect(canPushCollection(device('manager'), 'stores')).toBe(false);
    expect(canPushCollection(device('owner'), 'stores')).toBe(true);
  });

  it('lets only owners manage devices', () => {
    expect(canManageDevices(device('owner'))).toBe(true);
    expect(canManageDevices(device('manager'))).toBe(false);
  });
});
