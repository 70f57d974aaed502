import { EventEmitter } from 'node:events';
import type { AnyDoc, CollectionName } from '../../shared/index.js';

export interface ChangeEvent {
  tenantId: string;
  collection: CollectionName;
  documents: AnyDoc[];
}

/**
 * In-process fan-out of committed writes to open streams. Published only after the
 * transaction commits. A PostgreSQL backend would feed this from LISTEN/NOTIFY.
 */
export class ChangeBus {
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
