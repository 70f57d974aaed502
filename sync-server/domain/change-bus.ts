import { EventEmitter } from 'node:events';
import type { AnyDoc, CollectionName } from '../../shared/index.js';

export interface ChangeEvent {
  tenantId: string;
  collection: CollectionName;
  documents: AnyDoc[];
}

/**
 * The change feed: committed writes, per tenant, to the open streams of this process
 * (streams/stream-hub.ts). Invariants every backend keeps:
 * - an event is published only after its transaction committed;
 * - a tenant's events reach listeners in seq order, each once;
 * - a write made by another process (another instance on the same database) reaches them
 *   too, late at worst, never lost.
 * SQLite: one process writes, so the in-process bus below is the whole feed. PostgreSQL:
 * wake-ups over LISTEN/NOTIFY, then a pull from the last seq delivered.
 */
export interface ChangeFeed {
  publish(event: ChangeEvent): void;
  subscribe(tenantId: string, listener: (event: ChangeEvent) => void): () => void;
  /** A device was revoked (after the commit): its streams end on every instance, not only here. */
  announceRevoked(tenantId: string, deviceId: string): void;
  onRevoked(listener: (tenantId: string, deviceId: string) => void): () => void;
  /** Ends every open stream (graceful shutdown). */
  onClose(listener: () => void): () => void;
  readonly isClosed: boolean;
  close(): void;
}

/** In-process fan-out of committed writes (the SQLite feed; the PostgreSQL feed delivers through one). */
export class ChangeBus implements ChangeFeed {
  private readonly emitter = new EventEmitter();
  private closed = false;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: ChangeEvent): void {
    if (this.closed || event.documents.length === 0) return;
    this.emitter.emit(`tenant:${event.tenantId}`, event);
  }

  subscribe(tenantId: string, listener: (event: ChangeEvent) => void): () => void {
    const name = `tenant:${tenantId}`;
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  announceRevoked(tenantId: string, deviceId: string): void {
    if (!this.closed) this.emitter.emit('revoked', tenantId, deviceId);
  }

  onRevoked(listener: (tenantId: string, deviceId: string) => void): () => void {
    this.emitter.on('revoked', listener);
    return () => this.emitter.off('revoked', listener);
  }

  /** Ends every open stream (graceful shutdown). */
  onClose(listener: () => void): () => void {
    this.emitter.on('close', listener);
    return () => this.emitter.off('close', listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emitter.emit('close');
  }
}
