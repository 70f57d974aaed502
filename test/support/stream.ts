import type { CollectionName } from '../../shared/index.js';
import type { Api } from './client.js';

/** What `replication.stream` delivers: a batch of changed documents, or "RESYNC". */
export type StreamMessage =
  | { kind: 'change'; id: string | null; collection: CollectionName; documents: Array<{ id: string; seq: number }>; checkpoint: { seq: number } }
  | { kind: 'resync'; id: string | null };

export interface StreamTap {
  messages: StreamMessage[];
  /** Resolves with the first message (at or after index `from`) matching `pred`. */
  waitFor(pred: (m: StreamMessage) => boolean, timeoutMs?: number, from?: number): Promise<StreamMessage>;
  /** Connection states reported by the link (connecting, pending, idle). */
  states: string[];
  errors: unknown[];
  /** Set when the server ended the stream (an SSE `return`) or it failed for good. */
  readonly ended: boolean;
  close(): void;
}

function normalize(value: unknown): StreamMessage {
  // tracked() events arrive as { id, data }.
  const tracked = value as { id?: unknown; data?: unknown };
  const id = typeof tracked.id === 'string' ? tracked.id : null;
  const data = 'data' in (tracked as object) ? tracked.data : value;
  if (data === 'RESYNC') return { kind: 'resync', id };
  const event = data as { collection: CollectionName; documents: Array<{ id: string; seq: number }>; checkpoint: { seq: number } };
  return { kind: 'change', id, ...event };
}

/** Open `replication.stream` over SSE and record every message. */
export function openStream(api: Api, collections: CollectionName[], lastEventId?: string): StreamTap {
  const messages: StreamMessage[] = [];
  const states: string[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const input = lastEventId === undefined ? { collections } : { collections, lastEventId };
  const sub = api.replication.stream.subscribe(input, {
    onData(value: unknown) {
      messages.push(normalize(value));
      for (const w of [...waiters]) w();
    },
    onError(err: unknown) {
      errors.push(err);
      ended = true;
    },
    onStopped() {
      ended = true;
    },
    onComplete() {
      ended = true;
    },
    onConnectionStateChange(state: { state: string }) {
      states.push(state.state);
    },
  });
  return {
    messages,
    states,
    errors,
    get ended() {
      return ended;
    },
    close: () => sub.unsubscribe(),
    waitFor(pred, timeoutMs = 15_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = messages.slice(from).find(pred);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`stream: no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 500)}; errors ${errors.map(String).join('; ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
