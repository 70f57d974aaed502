import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../shared/index.js';
import { ensureTenant } from '../sync-server/domain/bootstrap.js';
import { createPairingCode } from '../sync-server/domain/pairing.js';
import { SqliteStorage } from '../sync-server/storage/sqlite-storage.js';
import { pairDevice } from '../test/support/client.js';
import { product } from '../test/support/docs.js';
import { startServer, type ServerHandle } from '../test/support/server-process.js';

export interface SeededLedger {
  server: ServerHandle;
  storeId: string;
  productIds: string[];
  /** Tokens of paired staff devices of the store. */
  tokens: string[];
  dispose(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * A data dir whose ledger already holds `movements` movements (a receipt per product, then
 * sales in tickets of 5 lines, spread over the last 400 days, ids time-ordered as devices make them), with stock rows that agree
 * (onHand = Σ accepted deltas, appliedSeq = the last ledgerSeq), then the real server on it.
 * Rows are inserted with SQL in large transactions: through the push path 2 000 000
 * movements would take minutes of a bench run to seed. The columns are the server's.
 */
export async function seedLedger(o: { movements: number; products: number; devices: number }): Promise<SeededLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'stockroom-bench-ledger-'));
  const storage = SqliteStorage.open(dir);
  let tokens: string[] = [];
  let storeId = '';
  const productIds: string[] = [];
  const codes: string[] = [];
  try {
    const { tenant } = await ensureTenant(storage, { timezone: 'UTC' });
    storeId = (await storage.listStoreIds(tenant.id))[0]!;
    const t = tenant.id;
    const deviceId = uuidv7();
    const now = Date.now();
    await storage.transaction(t, async (tx) => {
      for (let i = 0; i < o.products; i++) {
        const p = product(`Seeded ${i}`);
        const seq = await tx.nextSeq(t);
        await tx.putProduct(t, { ...p, barcodes: p.barcodes ?? [], category: p.category ?? null, supplierId: null, supplierSku: null, packSize: 1, _deleted: false, seq });
        await tx.setProductCodes(t, p.id, [{ kind: 'sku', code: p.sku }]);
        productIds.push(p.id);
      }
    });
    const db = storage.db;
    const insert = db.prepare(`INSERT INTO movements (tenant_id, id, store_id, product_id, kind, delta, reason, ticket_id, counted_qty,
        expected_qty, device_id, actor, client_time, status, ledger_seq, server_time, balance_after, rejection, seq)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, NULL, ?, 'accepted', ?, ?, ?, NULL, ?)`);
    const level = new Map<string, { onHand: number; appliedSeq: number }>();
    let seq = await storage.tenantSeq(t);
    const chunk = 100_000;
    let ticket = '';
    for (let done = 0; done < o.movements; done += chunk) {
      db.transaction(() => {
        for (let i = done; i < Math.min(o.movements, done + chunk); i++) {
          const productId = productIds[i % productIds.length]!;
          const l = level.get(productId) ?? { onHand: 0, appliedSeq: 0 };
          const receipt = i < productIds.length;
          const delta = receipt ? 10_000_000 : -1;
          l.onHand += delta;
          seq++;
          l.appliedSeq = seq;
          level.set(productId, l);
          const at = now - 400 * DAY_MS + Math.floor((i / o.movements) * 400 * DAY_MS);
          if (i % 5 === 0) ticket = uuidv7(at); // tickets of 5 lines, time-ordered ids as counters make them
          insert.run(t, uuidv7(at), storeId, productId, receipt ? 'receipt' : 'sale', delta, receipt ? null : ticket, deviceId, at, seq, at, l.onHand, seq);
        }
      })();
    }
    const seqBefore = await storage.tenantSeq(t);
    await storage.transaction(t, async (tx) => {
      for (const productId of productIds) {
        const l = level.get(productId)!;
        const id = `${storeId}:${productId}`;
        await tx.putStock(t, { id, storeId, productId, onHand: l.onHand, appliedSeq: l.appliedSeq, reorderPoint: null, criticalPoint: null, updatedAt: now, seq: ++seq, _deleted: false });
      }
      await tx.reserveSeqs(t, seq - seqBefore);
    });
    for (let i = 0; i < o.devices; i++) codes.push((await createPairingCode(storage, { tenantId: t, role: 'staff', storeIds: [storeId] })).code);
  } finally {
    await storage.close(); // checkpoints the WAL into the file
  }
  // The seeding wrote a gigabyte: let the kernel write it back before anything is timed.
  execFileSync('sync');
  const server = await startServer({ dataDir: dir, args: ['--rate-limit', '1000000'] });
  try {
    tokens = await Promise.all(codes.map(async (code, i) => (await pairDevice(server.url, code, `large-ledger-till-${i}`)).token));
  } catch (err) {
    await server.dispose();
    throw err;
  }
  return {
    server,
    storeId,
    productIds,
    tokens,
    async dispose() {
      await server.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
