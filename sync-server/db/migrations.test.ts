/** Append-only migrations applied to an existing database (a real SQLite file). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../storage/sqlite-storage.js';
import { MIGRATIONS, runMigrations } from './migrations.js';

describe('migrations', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-migrations-'));
    db = new Database(path.join(dir, 'stockroom.sqlite'));
    db.pragma('foreign_keys = ON');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const versions = () => db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
  const deviceColumns = () => (db.prepare('PRAGMA table_info(devices)').all() as Array<{ name: string }>).map((c) => c.name);

  it('are numbered 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('version 2 adds device health columns to a v1 database and keeps its devices', async () => {
    runMigrations(db, MIGRATIONS.filter((m) => m.version === 1));
    expect(versions()).toEqual([1]);
    expect(deviceColumns()).not.toContain('pending_count');
    db.prepare("INSERT INTO tenants (id, name, currency, seq, created_at) VALUES ('t1', 'Shop', 'EUR', 0, 1)").run();
    db.prepare(
      `INSERT INTO devices (id, tenant_id, name, role, store_ids, token_hash, created_at, last_seen_at, revoked_at)
       VALUES ('d1', 't1', 'Till 1', 'staff', '["s1"]', 'hash-1', 100, 200, NULL)`,
    ).run();

    runMigrations(db);
    expect(versions()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(deviceColumns()).toEqual(expect.arrayContaining(['pending_count', 'oldest_pending_at', 'health_reported_at']));

    const storage = new SqliteStorage(db);
    expect(await storage.getDevice('t1', 'd1')).toEqual({
      id: 'd1',
      tenantId: 't1',
      name: 'Till 1',
      role: 'staff',
      storeIds: ['s1'],
      createdAt: 100,
      lastSeenAt: 200,
      revokedAt: null,
      pendingCount: null,
      oldestPendingAt: null,
      healthReportedAt: null,
    });
    expect((await storage.findDeviceByTokenHash('hash-1'))?.id).toBe('d1');

    // The migrated row takes reports; running the migrations again changes nothing.
    await storage.reportDeviceHealth('d1', { pendingCount: 7, oldestPendingAt: 150 }, 300);
    runMigrations(db);
    expect(versions()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await storage.listDevices('t1')).toEqual([
      expect.objectContaining({ id: 'd1', lastSeenAt: 200, pendingCount: 7, oldestPendingAt: 150, healthReportedAt: 300 }),
    ]);
  });
});
