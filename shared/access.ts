import type { CollectionName } from './schemas/index.js';
import type { Role } from './protocol.js';

/** Who a device is, as decided by its token (DESIGN §8). */
export interface DeviceIdentity {
  deviceId: string;
  tenantId: string;
  role: Role;
  /** Stores this device may see and write; owners see every store of the tenant. */
  storeIds: readonly string[];
}

export function canSeeStore(device: DeviceIdentity, storeId: string): boolean {
  return device.role === 'owner' || device.storeIds.includes(storeId);
}

/**
 * Which collections a role may push. Staff record movements only; managers also
 * edit the catalog, thresholds, till users, suppliers, purchase orders and transfers for their
 * stores; owners create and rename stores and edit the tenant's settings.
 */
export function canPushCollection(device: DeviceIdentity, collection: CollectionName): boolean {
  switch (collection) {
    case 'movements':
    case 'resolutions':
    // Staff may add to the note of a transfer of their store (what arrived beyond what was sent);
    // everything else of a transfer is a manager's (sync-server/domain/merge-documents.ts).
    case 'transfers':
      return true;
    case 'products':
    case 'stock':
    case 'tillUsers':
    case 'suppliers':
    case 'purchaseOrders':
      return device.role === 'owner' || device.role === 'manager';
    case 'stores':
    case 'settings':
      return device.role === 'owner';
  }
}

export function canManageDevices(device: DeviceIdentity): boolean {
  return device.role === 'owner';
}
