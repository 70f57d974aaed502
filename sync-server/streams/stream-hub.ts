import {
  canSeeStore,
  type AnyDoc,
  type CollectionDocs,
  type CollectionName,
  type DeviceIdentity,
} from '../../shared/index.js';
import type { ChangeEvent, ChangeFeed } from '../domain/change-bus.js';
import { ProblemError } from '../domain/problem-error.js';

/**
 * Open `replication.stream` subscriptions and the fan-out of committed changes to them
 * (DESIGN §3). Invariants:
 * - an event reaches a stream only with the documents its device may see; devices that see
 *   the same stores share ONE payload object per event (the SSE writer serializes a payload
 *   once for all of them);
 * - fan-out runs after the writing request's turn of the event loop (setImmediate), in commit
 *   order, so a push's response never waits for hundreds of streams;
 * - memory is bounded: a stream whose reader falls behind by more than `maxQueuedDocuments` is
 *   ended with a RESYNC (the device re-pulls from its checkpoint) instead of buffering;
 * - a device holds at most `perDevice` streams (opening one more closes its oldest), the server
 *   at most `total`; a revoked device's streams end at once (closeDevice) and, as a backstop
 *   for revocations made elsewhere, within `recheckMs` (isRevoked).
 */
export interface StreamLimits {
  perDevice: number;
  total: number;
  maxQueuedDocuments: number;
  recheckMs: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perDevice: 4, total: 5_000, maxQueuedDocuments: 20_000, recheckMs: 15_000 };

export interface StreamPayload {
  collection: CollectionName;
  documents: AnyDoc[];
  checkpoint: { seq: number; epoch: string };
}

export type StreamItem = StreamPayload | 'RESYNC';

export interface StreamHubOptions {
  bus: ChangeFeed;
  epoch: () => string;
  /** Whether a device was revoked meanwhile (checked every recheckMs). */
  isRevoked: (tenantId: string, deviceId: string) => Promise<boolean>;
  limits?: Partial<StreamLimits>;
}

/** One open stream. Iterate it for its events; it ends when closed for any reason. */
export class StreamSubscriber implements AsyncIterable<StreamItem> {
  private readonly queue: StreamItem[] = [];
  private queuedDocuments = 0;
  private wake: (() => void) | null = null;
  private ended = false;
  private resyncThenEnd = false;

  constructor(
    readonly device: DeviceIdentity,
    readonly collections: ReadonlySet<CollectionName>,
    /** Devices with the same key see the same documents. */
    readonly scopeKey: string,
    private readonly limit: number,
    private readonly onClose: (s: StreamSubscriber) => void,
  ) {}

  get isOpen(): boolean {
    return !this.ended;
  }

  deliver(payload: StreamPayload): void {
    if (this.ended || this.resyncThenEnd) return;
    this.queuedDocuments += payload.documents.length;
    if (this.queuedDocuments > this.limit) {
      // The reader cannot keep up: drop the backlog, tell it to re-pull, and end.
      this.queue.length = 0;
      this.queuedDocuments = 0;
      this.resyncThenEnd = true;
    } else {
      this.queue.push(payload);
    }
    this.notify();
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.notify();
    this.onClose(this);
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StreamItem> {
    try {
      for (;;) {
        if (this.ended) return;
        const item = this.queue.shift();
        if (item !== undefined) {
          if (item !== 'RESYNC') this.queuedDocuments -= item.documents.length;
          yield item;
          continue;
        }
        if (this.resyncThenEnd) {
          yield 'RESYNC';
          return;
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    } finally {
      this.close();
    }
  }
}

export class StreamHub {
  private readonly limits: StreamLimits;
  private readonly byTenant = new Map<string, { subscribers: Set<StreamSubscriber>; unsubscribe: () => void }>();
  private readonly byDevice = new Map<string, StreamSubscriber[]>();
  private readonly pending: ChangeEvent[] = [];
  private flushScheduled = false;
  private count = 0;
  private closed = false;
  private readonly recheck: ReturnType<typeof setInterval>;
  private readonly offRevoked: () => void;

  constructor(private readonly o: StreamHubOptions) {
    this.limits = { ...DEFAULT_STREAM_LIMITS, ...o.limits };
    this.recheck = setInterval(() => this.closeRevoked(), this.limits.recheckMs);
    this.recheck.unref();
    // Revocations announced by any instance (the recheck stays as the backstop for lost ones).
    this.offRevoked = o.bus.onRevoked((_tenantId, deviceId) => this.closeDevice(deviceId));
  }

  get size(): number {
    return this.count;
  }

  /** A new stream for this device (its oldest is closed when it holds too many). */
  open(device: DeviceIdentity, collections: readonly CollectionName[], signal?: AbortSignal | null): StreamSubscriber {
    if (this.closed) throw new ProblemError('internal', 'The server is shutting down');
    if (this.count >= this.limits.total) throw new ProblemError('rate-limited', 'Too many open change streams on this server; try again later');
    for (let own = this.byDevice.get(device.deviceId); own && own.length >= this.limits.perDevice; own = this.byDevice.get(device.deviceId)) {
      own[0]!.close();
    }
    const scopeKey = device.role === 'owner' ? '*' : [...device.storeIds].sort().join('\n');
    const sub = new StreamSubscriber(device, new Set(collections), scopeKey, this.limits.maxQueuedDocuments, (s) => this.remove(s));
    this.byDevice.set(device.deviceId, [...(this.byDevice.get(device.deviceId) ?? []), sub]);
    this.tenant(device.tenantId).subscribers.add(sub);
    this.count++;
    if (signal) {
      if (signal.aborted) sub.close();
      else signal.addEventListener('abort', () => sub.close(), { once: true });
    }
    return sub;
  }

  /** Ends every stream of a device (revoked). */
  closeDevice(deviceId: string): void {
    for (const s of [...(this.byDevice.get(deviceId) ?? [])]) s.close();
  }

  /** Ends every stream (graceful shutdown). */
  close(): void {
    this.closed = true;
    clearInterval(this.recheck);
    this.offRevoked();
    for (const subs of [...this.byDevice.values()]) for (const s of [...subs]) s.close();
  }

  private tenant(tenantId: string) {
    let entry = this.byTenant.get(tenantId);
    if (!entry) {
      const unsubscribe = this.o.bus.subscribe(tenantId, (event) => this.enqueue(event));
      entry = { subscribers: new Set(), unsubscribe };
      this.byTenant.set(tenantId, entry);
    }
    return entry;
  }

  private remove(s: StreamSubscriber): void {
    const own = this.byDevice.get(s.device.deviceId);
    if (own) {
      const left = own.filter((x) => x !== s);
      if (left.length > 0) this.byDevice.set(s.device.deviceId, left);
      else this.byDevice.delete(s.device.deviceId);
    }
    const entry = this.byTenant.get(s.device.tenantId);
    if (entry?.subscribers.delete(s)) {
      this.count--;
      if (entry.subscribers.size === 0) {
        entry.unsubscribe();
        this.byTenant.delete(s.device.tenantId);
      }
    }
  }

  private enqueue(event: ChangeEvent): void {
    this.pending.push(event);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const events = this.pending.splice(0);
    for (const event of events) this.fanOut(event);
  }

  /** One filtered payload per scope, shared by every stream of that scope. */
  private fanOut(event: ChangeEvent): void {
    const entry = this.byTenant.get(event.tenantId);
    if (!entry) return;
    const epoch = this.o.epoch();
    const payloads = new Map<string, StreamPayload | null>();
    for (const sub of entry.subscribers) {
      if (!sub.collections.has(event.collection)) continue;
      let payload = payloads.get(sub.scopeKey);
      if (payload === undefined) {
        const documents = event.documents.filter((d) => visibleTo(sub.device, event.collection, d));
        const seq = documents.reduce((m, d) => Math.max(m, d.seq), 0);
        payload = documents.length > 0 ? { collection: event.collection, documents, checkpoint: { seq, epoch } } : null;
        payloads.set(sub.scopeKey, payload);
      }
      if (payload) sub.deliver(payload);
    }
  }

  private closeRevoked(): void {
    for (const [deviceId, subs] of [...this.byDevice]) {
      const tenantId = subs[0]?.device.tenantId;
      if (tenantId === undefined) continue;
      // A failed check (database briefly away) leaves the streams for the next one.
      this.o.isRevoked(tenantId, deviceId).then((revoked) => revoked && this.closeDevice(deviceId), () => undefined);
    }
  }
}

/** Whether a device may see a document (products: the tenant's whole catalog; the rest: its stores). */
export function visibleTo(device: DeviceIdentity, collection: CollectionName, doc: AnyDoc): boolean {
  switch (collection) {
    case 'products':
    case 'settings':
    case 'tillUsers':
    case 'suppliers':
      return true;
    case 'stores':
      return true; // the tenant's store directory (see replication.pull)
    case 'transfers': {
      const t = doc as CollectionDocs['transfers'];
      return canSeeStore(device, t.fromStoreId) || canSeeStore(device, t.toStoreId);
    }
    default:
      return canSeeStore(device, (doc as { storeId: string }).storeId);
  }
}
