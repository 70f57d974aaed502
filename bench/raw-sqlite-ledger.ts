import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideMovement, uuidv7 } from '../shared/index.js';

/**
 * The physical limit for the push path: the same transactional ledger work the
 * server does per batch, straight on better-sqlite3 with the same pragmas
 * (exclusive locking, WAL, synchronous=FULL, foreign keys), no HTTP, no validation, no tRPC. Per
 * batch one transaction: per movement an idempotency lookup and a stock read,
 * then one tenant-seq bump for the batch's movements; per movement decide and
 * insert; one seq bump for the stock rows moved and one update per row (the
 * server's scheme, sync-server/domain/apply-movements.ts). The schema mirrors
 * the server's tables, indexes and foreign keys (db/migrations.ts).
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
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TABLE tenants (id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
      CREATE TABLE stores (tenant_id TEXT NOT NULL REFERENCES tenants(id), id TEXT NOT NULL,
        allow_negative_stock INTEGER NOT NULL, PRIMARY KEY (tenant_id, id));
      CREATE TABLE products (tenant_id TEXT NOT NULL REFERENCES tenants(id), id TEXT NOT NULL, PRIMARY KEY (tenant_id, id));
      CREATE TABLE stock (tenant_id TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL, product_id TEXT NOT NULL,
        on_hand INTEGER NOT NULL, applied_seq INTEGER NOT NULL, reorder_point INTEGER, critical_point INTEGER,
        updated_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, store_id, product_id),
        FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id),
        FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id));
      CREATE INDEX stock_by_seq ON stock (tenant_id, seq);
      CREATE TABLE movements (tenant_id TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL, product_id TEXT NOT NULL,
        kind TEXT NOT NULL, delta INTEGER NOT NULL, reason TEXT, ticket_id TEXT, counted_qty INTEGER, expected_qty INTEGER,
        device_id TEXT NOT NULL, actor TEXT, client_time INTEGER NOT NULL, status TEXT NOT NULL, ledger_seq INTEGER,
        server_time INTEGER, balance_after INTEGER, rejection TEXT, seq INTEGER NOT NULL, PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id),
        FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id));
      CREATE INDEX movements_by_seq ON movements (tenant_id, seq);
      CREATE INDEX movements_by_item ON movements (tenant_id, store_id, product_id, seq);
      CREATE INDEX movements_by_ticket ON movements (tenant_id, ticket_id, store_id, product_id)
        WHERE ticket_id IS NOT NULL AND kind IN ('sale', 'void');
    `);
    // Real-sized ids (UUIDv7 like the server's tenants and stores): index entries and WAL pages match.
    const tenant = uuidv7();
    const storeId = uuidv7();
    db.prepare('INSERT INTO tenants (id, seq) VALUES (?, 0)').run(tenant);
    db.prepare('INSERT INTO stores (tenant_id, id, allow_negative_stock) VALUES (?, ?, 0)').run(tenant, storeId);
    const productIds = Array.from({ length: products }, () => uuidv7());
    const seedProduct = db.prepare('INSERT INTO products (tenant_id, id) VALUES (?, ?)');
    const seedStock = db.prepare(`INSERT INTO stock (tenant_id, id, store_id, product_id, on_hand, applied_seq, updated_at, seq)
      VALUES (?, ?, ?, ?, ?, 0, ?, 0)`);
    db.transaction(() => {
      for (const p of productIds) seedProduct.run(tenant, p);
      for (const p of productIds) seedStock.run(tenant, `${storeId}:${p}`, storeId, p, 1_000_000_000, Date.now());
    })();

    const reserveSeqs = db.prepare('UPDATE tenants SET seq = seq + ? WHERE id = ? RETURNING seq').pluck();
    const getStore = db.prepare('SELECT allow_negative_stock FROM stores WHERE tenant_id = ? AND id = ?').pluck();
    const getMovement = db.prepare('SELECT * FROM movements WHERE tenant_id = ? AND id = ?');
    const getStock = db.prepare('SELECT on_hand, applied_seq FROM stock WHERE tenant_id = ? AND id = ?');
    const insertMovement = db.prepare(`INSERT INTO movements (tenant_id, id, store_id, product_id, kind, delta, reason, ticket_id,
      counted_qty, expected_qty, device_id, actor, client_time, status, ledger_seq, server_time, balance_after, rejection, seq)
      VALUES (?, ?, ?, ?, 'sale', ?, NULL, ?, NULL, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`);
    const updateStock = db.prepare('UPDATE stock SET on_hand = ?, applied_seq = ?, updated_at = ?, seq = ? WHERE tenant_id = ? AND id = ?');

    const deviceId = uuidv7();
    interface Level { sid: string; onHand: number; appliedSeq: number; moved: boolean }
    const applyBatch = db.transaction((rows: Array<{ id: string; productId: string; delta: number; ticketId: string }>) => {
      const now = Date.now();
      const allowNegativeStock = getStore.get(tenant, storeId) === 1;
      const fresh: Array<{ row: (typeof rows)[number]; level: Level }> = [];
      const levels = new Map<string, Level>();
      for (const row of rows) {
        if (getMovement.get(tenant, row.id)) continue;
        const sid = `${storeId}:${row.productId}`;
        let level = levels.get(sid);
        if (!level) {
          const stock = getStock.get(tenant, sid) as { on_hand: number; applied_seq: number };
          level = { sid, onHand: stock.on_hand, appliedSeq: stock.applied_seq, moved: false };
          levels.set(sid, level);
        }
        fresh.push({ row, level });
      }
      if (fresh.length === 0) return 0;
      let seq = (reserveSeqs.get(fresh.length, tenant) as number) - fresh.length + 1;
      const moved: Level[] = [];
      let accepted = 0;
      for (const { row, level } of fresh) {
        const verdict = decideMovement(level.onHand, { allowNegativeStock }, { kind: 'sale', delta: row.delta });
        const mseq = seq++;
        if (verdict.status === 'accepted') {
          insertMovement.run(tenant, row.id, storeId, row.productId, row.delta, row.ticketId, deviceId, now, 'accepted', mseq, now, verdict.balanceAfter, null, mseq);
          level.onHand = verdict.balanceAfter;
          level.appliedSeq = mseq;
          if (!level.moved) {
            level.moved = true;
            moved.push(level);
          }
          accepted++;
        } else {
          insertMovement.run(tenant, row.id, storeId, row.productId, row.delta, row.ticketId, deviceId, now, 'rejected', null, now, null, JSON.stringify(verdict.rejection), mseq);
        }
      }
      if (moved.length > 0) {
        let stockSeq = (reserveSeqs.get(moved.length, tenant) as number) - moved.length + 1;
        for (const level of moved) updateStock.run(level.onHand, level.appliedSeq, now, stockSeq++, tenant, level.sid);
      }
      return accepted;
    });

    let cursor = 0;
    return {
      run(batches, batchSize) {
        // Like the server bench's batches: tickets of 5 lines with time-ordered ids.
        let ticketId = uuidv7();
        const work = Array.from({ length: batches }, () =>
          Array.from({ length: batchSize }, () => {
            if (cursor % 5 === 0) ticketId = uuidv7();
            return { id: uuidv7(), productId: productIds[cursor++ % productIds.length]!, delta: -1, ticketId };
          }),
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
