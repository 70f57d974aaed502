import pg from 'pg';
import type { CollectionName } from '../../shared/index.js';
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
  /**
   * What the wake-ups said about (last, heard.upTo]: an unbroken chain of commits, and the
   * collections they wrote (so a round reads those only). Rebased on each round.
   */
  heard: { upTo: number; collections: Set<CollectionName> };
  /** A wake-up may be missing (a gap in the chain, a poll that found more, a failed round): read every collection. */
  all: boolean;
  /** The last wake was the periodic poll. */
  polled: boolean;
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
 * - wake-ups are small: a NOTIFY `{t, f, s, c}` (tenant, first and last seq, collections written)
 *   sent by the writing transaction at its COMMIT, heard on one dedicated LISTEN connection; an
 *   unbroken chain of them (each starting where the last ended) says which collections to read;
 *   a gap in the chain, or a poll that finds unheard commits, reads every collection;
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

  /**
   * A commit of this instance. Its NOTIFY comes back on the LISTEN connection within a few
   * milliseconds and says what it wrote; only without that connection is the tenant read whole now.
   */
  publish(event: ChangeEvent): void {
    if (this.closed || event.documents.length === 0 || this.listener) return;
    const c = this.cursors.get(event.tenantId);
    if (c) c.all = true;
    this.wake(event.tenantId);
  }

  subscribe(tenantId: string, listener: (event: ChangeEvent) => void): () => void {
    const off = this.local.subscribe(tenantId, listener);
    let cursor = this.cursors.get(tenantId);
    if (!cursor) {
      cursor = { last: null, refs: 0, heard: { upTo: 0, collections: new Set() }, all: false, polled: false, wanted: false, running: null };
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

  /** A wake-up heard: the commit of seqs first … last, which wrote `collections`. */
  private heard(tenantId: string, first: number, last: number, collections: readonly CollectionName[]): void {
    const c = this.cursors.get(tenantId);
    if (!c) return;
    if (c.last !== null) {
      if (last <= c.heard.upTo) return; // already read
      if (first === c.heard.upTo + 1) {
        c.heard.upTo = last;
        for (const name of collections) c.heard.collections.add(name);
      } else {
        c.all = true; // a commit between the two was not heard
        c.heard = { upTo: last, collections: new Set() };
      }
    }
    this.wake(tenantId);
  }

  private wake(tenantId: string): void {
    const c = this.cursors.get(tenantId);
    if (!c || this.closed) return;
    c.wanted = true;
    c.running ??= this.catchUp(tenantId, c).finally(() => {
      c.running = null;
    });
  }

  /** The periodic check, and the one after the LISTEN connection came back: an unheard commit makes a full read. */
  private wakeAll(): void {
    for (const [tenantId, c] of this.cursors) {
      c.polled = true;
      this.wake(tenantId);
    }
  }

  /**
   * Rounds until nothing is wanted. A round reads (last, target]: with an unbroken chain of
   * wake-ups, target is the chain's end (committed: a NOTIFY is delivered after its COMMIT) and
   * only the collections it names are read; otherwise target is the tenant's committed seq and
   * every collection is read.
   */
  private async catchUp(tenantId: string, c: Cursor): Promise<void> {
    const batch = this.o.batch ?? 1_000;
    try {
      while (c.wanted && !this.closed && this.cursors.get(tenantId) === c) {
        c.wanted = false;
        const polled = c.polled;
        c.polled = false;
        const upTo = await this.o.storage.tenantSeq(tenantId);
        if (c.last === null) {
          c.last = upTo;
          c.heard = { upTo, collections: new Set() };
          continue;
        }
        const full = c.all || (polled && upTo > c.heard.upTo);
        const target = full ? Math.max(upTo, c.heard.upTo) : c.heard.upTo;
        const only = full ? null : c.heard.collections;
        // Wake-ups heard during this round chain on from target.
        c.heard = { upTo: Math.max(target, c.last), collections: new Set() };
        c.all = false;
        try {
          while (c.last < target && !this.closed) {
            const { events, through } = await this.o.storage.changesSince(tenantId, c.last, target, batch, only);
            // Commit order across collections: a push's movements before the stock rows they moved.
            events.sort((a, b) => a.documents[0]!.seq - b.documents[0]!.seq);
            for (const e of events) this.local.publish({ tenantId, collection: e.collection, documents: e.documents });
            c.last = through;
          }
        } catch (err) {
          c.all = true; // what is left of (last, target] is read whole next time
          throw err;
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
          const { t, f, s, c } = JSON.parse(msg.payload) as { t: string; f: number; s: number; c: string };
          this.heard(t, f, s, c ? (c.split(',') as CollectionName[]) : []);
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
