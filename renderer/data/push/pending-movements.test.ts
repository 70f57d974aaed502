import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7, type MovementDoc } from '../../../shared/index.js';
import { newMovement } from '../commands/commands.js';
import { appStorage, openDatabase } from '../local/database.js';
import { PendingMovements } from './pending-movements.js';

const movement = (clientTime: number, status: MovementDoc['status'] = 'pending'): Pick<MovementDoc, 'id' | 'status' | 'clientTime'> => ({
  id: uuidv7(),
  status,
  clientTime,
});

describe('PendingMovements', () => {
  it('lists pending movements oldest first and forgets them once answered', () => {
    const list = new PendingMovements();
    const [late, early, answered] = [movement(300), movement(100), movement(200)];
    list.track([late, early, answered]);
    expect(list.oldest(10)).toEqual([early.id, answered.id, late.id]);
    expect([list.size, list.oldestAt()]).toEqual([3, 100]);

    list.track([{ ...answered, status: 'accepted' }, { ...early, status: 'rejected' }]);
    expect(list.oldest(10)).toEqual([late.id]);
    expect([list.size, list.oldestAt()]).toEqual([1, 300]);
  });

  it('takes at most `limit`, skips what it is told to, and never lists ignored or deleted movements', () => {
    const refused = movement(1);
    const list = new PendingMovements((id) => id === refused.id);
    const rows = [refused, movement(2), movement(3), movement(4)];
    list.track([...rows, { ...movement(0), _deleted: true }]);
    expect(list.oldest(2)).toEqual([rows[1]!.id, rows[2]!.id]);
    expect(list.oldest(5, (id) => id === rows[2]!.id)).toEqual([rows[1]!.id, rows[3]!.id]);
    list.drop([rows[1]!.id]);
    expect(list.oldest(5)).toEqual([rows[2]!.id, rows[3]!.id]);
  });

  it('follows the collection: a sale written is listed, the stored verdict unlists it', async () => {
    const db = await openDatabase({ name: `pending${uuidv7().replace(/-/g, '').slice(-16)}`, storage: appStorage() });
    const list = new PendingMovements();
    const sub = list.follow(db.movements);
    try {
      const sale = newMovement({ storeId: 's1', productId: 'p1', kind: 'sale', delta: -1 }, { deviceId: 'd1', actor: null });
      await db.movements.insert(sale);
      expect(list.oldest(10)).toEqual([sale.id]);
      await db.movements.upsert({ ...sale, status: 'accepted', ledgerSeq: 1, seq: 5 });
      expect(list.size).toBe(0);
    } finally {
      sub.unsubscribe();
      await db.close();
    }
  });
});
