import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideMovement, uuidv7 } from '../shared/index.js';

/**
 * The physical limit for the push path: the same transactional ledger work the
 * server does per batch, straight on better-sqlite3 with the same pragmas
 * (WAL, synchronous=FULL), no HTTP, no validation, no tRPC. Per batch one
 * transaction; per movement: idempotency lookup, stock read, decide, insert
 * movement, update stock, bump the tenant seq (twice: movement and stock row,
 * as the server stamps both). The schema mirrors the server's tables and indexes.
 */
export interface RawLedger {
  /** Apply `batches` transactions of `batchSize` sales; returns accepted movements per second. */
  run(batches: number, batchSize: number): number;
  close(): void;
}

export function openRawLedger(products: number): RawLedger {
  const dir = mkdtempSync(join(tmpdir(), 'stockroom-bench-raw-'));
  const db = new Database(join(dir, 'raw.sqlite'));
  const close = () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TABLE tenants (id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
      CREATE TABLE stores (tenant_id TEXT NOT NULL, id TEXT NOT NULL, allow_negative_stock INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id));
      CREATE TABLE stock (tenant_id TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL, product_id TEXT NOT NULL,
        on_hand INTEGER NOT NULL, applied_seq INTEGER NOT NULL, reorder_point INTEGER, critical_point INTEGER,
        updated_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, store_id, product_id));
      CREATE INDEX stock_by_seq ON stock (tenant_id, seq);
      CREATE TABLE movements (tenant_id TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL, product_id TEXT NOT NULL,
        kind TEXT NOT NULL, delta INTEGER NOT NULL, reason TEXT, ticket_id TEXT, counted_qty INTEGER, expected_qty INTEGER,
        device_id TEXT NOT NULL, actor TEXT, client_time INTEGER NOT NULL, status TEXT NOT NULL, ledger_seq INTEGER,
        server_time INTEGER, balance_after INTEGER, rejection TEXT, seq INTEGER NOT NULL, PRIMARY KEY (tenant_id, id));
      CREATE INDEX movements_by_seq ON movements (tenant_id, seq);
      CREATE INDEX movements_by_item ON movements (tenant_id, store_id, product_id, seq);
    `);
    // Real-sized ids (UUIDv7 like the server's tenants and stores): index entries and WAL pages match.
    const tenant = uuidv7();
    const storeId = uuidv7();
    db.prepare('INSERT INTO tenants (id, seq) VALUES (?, 0)').run(tenant);
    db.prepare('INSERT INTO stores (tenant_id, id, allow_negative_stock) VALUES (?, ?, 0)').run(tenant, storeId);
    const productIds = Array.from({ length: products }, () => uuidv7());
    const seedStock = db.prepare(`INSERT INTO stock (tenant_id, id, store_id, product_id, on_hand, applied_seq, updated_at, seq)
      VALUES (?, ?, ?, ?, ?, 0, ?, 0)`);
    db.transaction(() => {
      for (const p of productIds) seedStock.run(tenant, `${storeId}:${p}`, storeId, p, 1_000_000_000, Date.now());
    })();

    const nextSeq = db.prepare('UPDATE tenants SET seq = seq + 1 WHERE id = ? RETURNING seq').pluck();
    const getStore = db.prepare('SELECT allow_negative_stock FROM stores WHERE tenant_id = ? AND id = ?').pluck();
    const getMovement = db.prepare('SELECT * FROM movements WHERE tenant_id = ? AND id = ?');
    const getStock = db.prepare('SELECT on_hand, applied_seq FROM stock WHERE tenant_id = ? AND id = ?');
    const insertMovement = db.prepare(`INSERT INTO movements (tenant_id, id, store_id, product_id, kind, delta, reason, ticket_id,
      counted_qty, expected_qty, device_id, actor, client_time, status, ledger_seq, server_time, balance_after, rejection, seq)
      VALUES (?, ?, ?, ?, 'sale', ?, NULL, NULL, NULL, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`);
    const updateStock = db.prepare('UPDATE stock SET on_hand = ?, applied_seq = ?, updated_at = ?, seq = ? WHERE tenant_id = ? AND id = ?');

    const deviceId = uuidv7();
    const applyBatch = db.transaction((rows: Array<{ id: string; productId: string; delta: number }>) => {
      const allowNegativeStock = getStore.get(tenant, storeId) === 1;
      let accepted = 0;
      for (const row of rows) {
        if (getMovement.get(tenant, row.id)) continue;
        const sid = `${storeId}:${row.productId}`;
        const stock = getStock.get(tenant, sid) as { on_hand: number; applied_seq: number };
        const verdict = decideMovement(stock.on_hand, { allowNegativeStock }, { kind: 'sale', delta: row.delta });
        const seq = nextSeq.get(tenant) as number;
        const now = Date.now();
        if (verdict.status === 'accepted') {
          insertMovement.run(tenant, row.id, storeId, row.productId, row.delta, deviceId, now, 'accepted', seq, now, verdict.balanceAfter, null, seq);
          updateStock.run(verdict.balanceAfter, seq, now, nextSeq.get(tenant), tenant, sid);
          accepted++;
        } else {
          insertMovement.run(tenant, row.id, storeId, row.productId, row.delta, deviceId, now, 'rejected', null, now, null, JSON.stringify(verdict.rejection), seq);
        }
      }
      return accepted;
    });

    let cursor = 0;
    return {
      run(batches, batchSize) {
        const work = Array.from({ length: batches }, () =>
          Array.from({ length: batchSize }, () => ({
            id: uuidv7(),
            productId: productIds[cursor++ % productIds.length]!,
            delta: -1,
          })),
        );
        const started = performance.now();
        let accepted = 0;
        for (const batch of work) accepted += applyBatch.immediate(batch);
        const seconds = (performance.now() - started) / 1000;
        if (accepted !== batches * batchSize) throw new Error(`raw ledger accepted ${accepted} movements`);
        return accepted / seconds;
      },
      close,
    };
  } catch (err) {
    close();
    throw err;
  }
}
