import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WriteGroup } from './write-group.js';

function setup() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const groups: number[] = [];
  let commits = 0;
  const group = new WriteGroup(
    {
      exec: (sql) => {
        db.exec(sql);
        if (sql === 'COMMIT') commits++;
      },
    },
    (n) => groups.push(n),
  );
  const insert = db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
  const rows = () => db.prepare('SELECT id, v FROM t ORDER BY id').all();
  return { db, group, groups, insert, rows, commits: () => commits };
}

describe('group commit', () => {
  it('commits writes asked for together once, in order, each settling after the COMMIT', async () => {
    const { group, groups, insert, rows, commits } = setup();
    const order: number[] = [];
    const done = await Promise.all([1, 2, 3].map((id) => group.write(() => {
      order.push(id);
      insert.run(id, `v${id}`);
      return id * 10;
    })));
    expect(done).toEqual([10, 20, 30]);
    expect(order).toEqual([1, 2, 3]);
    expect(commits()).toBe(1);
    expect(groups).toEqual([3]);
    expect(rows()).toHaveLength(3);
  });

  it('rolls back only the write that failed', async () => {
    const { group, insert, rows } = setup();
    const results = await Promise.allSettled([
      group.write(() => insert.run(1, 'a')),
      group.write(() => {
        insert.run(2, 'b');
        throw new Error('refused');
      }),
      group.write(() => insert.run(1, 'duplicate')),
      group.write(() => insert.run(3, 'c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(rows()).toEqual([{ id: 1, v: 'a' }, { id: 3, v: 'c' }]);
  });

  it('fails every write of a group whose COMMIT fails, and none of them happened', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const group = new WriteGroup({
      exec: (sql) => {
        if (sql === 'COMMIT') throw new Error('disk full');
        db.exec(sql);
      },
    });
    const results = await Promise.allSettled([group.write(() => db.prepare('INSERT INTO t VALUES (1)').run()), group.write(() => 2)]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('runs async writes one after another, never interleaved, within one turn', async () => {
    const { group, insert, rows } = setup();
    const order: string[] = [];
    const a = group.write(async () => {
      order.push('a:start');
      await Promise.resolve();
      insert.run(1, 'a');
      order.push('a:end');
    });
    const b = group.write(async () => {
      order.push('b:start');
      insert.run(2, 'b');
      await Promise.resolve();
      order.push('b:end');
    });
    await new Promise((r) => setImmediate(r));
    expect(group.idle()).toBe(null);
    await Promise.all([a, b]);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    expect(rows()).toHaveLength(2);
  });

  it('runs what is queued before it closes, then refuses', async () => {
    const { group, insert, rows } = setup();
    const pending = group.write(() => insert.run(9, 'late'));
    await group.close();
    await pending;
    expect(rows()).toEqual([{ id: 9, v: 'late' }]);
    await expect(group.write(() => 1)).rejects.toThrow(/closed/);
  });
});
