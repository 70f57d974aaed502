import pg from 'pg';
import { ChangeBus, type ChangeEvent, type ChangeFeed } from '../domain/change-bus.js';
import { CHANGES_CHANNEL, type PgStorage } from './pg-storage.js';

/** Revocations, payload `{"t": tenantId, "d": deviceId}`: every instance ends the device's streams. */
export const REVOKED_CHANNEL = 'stockroom_revoked';

export interface PgChangeFeedOptions {
  url: string;
  storage: Pick<PgStorage, 'tenantSeq' | 'changesSince'>;
  /** Catch-up of every tenant with open streams, whatever was heard (default 2 s). */
  pollMs?: number;
  /** Documents per collection per read (default 1 000). */
  batch?: number;
  onError?: (err: Error, where: 'listen' | 'catch-up') => void;
}

/** Where the feed is in one tenant's history; only tenants with open streams on this instance have one. */
interface Cursor {
  /** Every change up to this seq was delivered; null until read from the database. */
  last: number | null;
  refs: number;
  /** Something may have been committed past `last`. */
  wanted: boolean;
  running: Promise<void> | null;
}

/**
 * The change feed across instances (DESIGN §9, issue 13 §3). Invariants:
 * - streams get documents read from the database, never from the writing request: one path
 *   for writes made here and writes made by any other instance, in seq order, each once
 *   (a per-tenant cursor, one catch-up at a time per tenant);
 * - reads stop at a committed tenant seq (changesSince), so a commit racing the read is
 *   picked up by the next round, never skipped;
 * - wake-ups are small: a NOTIFY `{t, s}` sent by the writing transaction at its COMMIT, heard
 *   on one dedicated LISTEN connection; a local commit wakes its tenant at once too;
 * - a lost notification only delays: every `pollMs` each open tenant compares its cursor with
 *   the tenant's seq, and after the LISTEN connection comes back every tenant catches up.
 */
export class PgChangeFeed implements ChangeFeed {
  private readonly local = new ChangeBus();
  private readonly cursors = new Map<string, Cursor>();
  private listener: pg.Client | null = null;
  private reconnectDelay = 100;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly poll: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(private readonly o: PgChangeFeedOptions) {
    this.poll = setInterval(() => this.wakeAll(), o.pollMs ?? 2_000);
    this.poll.unref();
    void this.listen();
  }

  /** Whether the LISTEN connection is up (`/healthz`). */
  get listening(): boolean {
    return this.listener !== null;
  }

  /** A commit of this instance: catch its tenant up now (the NOTIFY would come back too). */
  publish(event: ChangeEvent): void {
    if (this.closed || event.documents.length === 0) return;
    this.wake(event.tenantId, event.documents.reduce((m, d) => Math.max(m, d.seq), 0));
  }

  subscribe(tenantId: string, listener: (event: ChangeEvent) => void): () => void {
    const off = this.local.subscribe(tenantId, listener);
    let cursor = this.cursors.get(tenantId);
    if (!cursor) {
      cursor = { last: null, refs: 0, wanted: false, running: null };
      this.cursors.set(tenantId, cursor);
      this.wake(tenantId); // reads where the tenant is: streams see what is committed after they open
    }
    cursor.refs++;
    const own = cursor;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      if (--own.refs === 0 && this.cursors.get(tenantId) === own) this.cursors.delete(tenantId);
    };
  }

  announceRevoked(tenantId: string, deviceId: string): void {
    this.local.announceRevoked(tenantId, deviceId);
    // Through the LISTEN connection (any session may NOTIFY); when it is down, the other
    // instances' periodic revocation check still ends the streams (stream-hub.ts).
    this.listener?.query('SELECT pg_notify($1, $2)', [REVOKED_CHANNEL, JSON.stringify({ t: tenantId, d: deviceId })]).catch(() => undefined);
  }

  onRevoked(listener: (tenantId: string, deviceId: string) => void): () => void {
    return this.local.onRevoked(listener);
  }

  onClose(listener: () => void): () => void {
    return this.local.onClose(listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.poll);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const l = this.listener;
    this.listener = null;
    l?.end().catch(() => undefined);
    this.local.close();
  }

  private wake(tenantId: string, seq?: number): void {
    const c = this.cursors.get(tenantId);
    if (!c || this.closed) return;
    if (seq !== undefined && c.last !== null && seq <= c.last) return; // already delivered
    c.wanted = true;
    c.running ??= this.catchUp(tenantId, c).finally(() => {
      c.running = null;
    });
  }

  private wakeAll(): void {
    for (const tenantId of this.cursors.keys()) this.wake(tenantId);
  }

  private async catchUp(tenantId: string, c: Cursor): Promise<void> {
    const batch = this.o.batch ?? 1_000;
    try {
      while (c.wanted && !this.closed && this.cursors.get(tenantId) === c) {
        c.wanted = false;
        const upTo = await this.o.storage.tenantSeq(tenantId);
        if (c.last === null) {
          c.last = upTo;
          continue;
        }
        while (c.last < upTo && !this.closed) {
          const { events, through } = await this.o.storage.changesSince(tenantId, c.last, upTo, batch);
          // Commit order across collections: a push's movements before the stock rows they moved.
          events.sort((a, b) => a.documents[0]!.seq - b.documents[0]!.seq);
          for (const e of events) this.local.publish({ tenantId, collection: e.collection, documents: e.documents });
          c.last = through;
        }
      }
    } catch (err) {
      // The database is away: the next wake-up or poll tries again from the same cursor.
      this.o.onError?.(err as Error, 'catch-up');
    }
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.o.url, application_name: 'stockroom-listen' });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (err) this.o.onError?.(err, 'listen');
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      this.reconnectLater();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        if (msg.channel === CHANGES_CHANNEL) {
          const { t, s } = JSON.parse(msg.payload) as { t: string; s: number };
          this.wake(t, s);
        } else if (msg.channel === REVOKED_CHANNEL) {
          const { t, d } = JSON.parse(msg.payload) as { t: string; d: string };
          this.local.announceRevoked(t, d);
        }
      } catch {
        // Not ours: ignore.
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${REVOKED_CHANNEL}`);
      if (this.closed || lost) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      this.reconnectDelay = 100;
      this.wakeAll(); // whatever was committed while no one listened
    } catch (err) {
      onLost(err as Error);
    }
  }

  private reconnectLater(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 5_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, delay);
    this.reconnectTimer.unref();
  }
}
