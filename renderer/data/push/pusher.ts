/**
 * The one push path every outgoing row takes (movements and catalog edits alike): retries on
 * transport failures, and refusal isolation — a batch refused with a problem is split until the
 * offending rows are found; those are reported and skipped, the rest go through.
 */
import { sameValue, type CollectionName } from '../../../shared/index.js';
import { AbortedError, DEFAULT_BACKOFF, withRetry, type BackoffOptions } from '../async/retry.js';
import { plainDoc } from '../local/database.js';
import { messageOf, type ReplicationEvent } from '../wire/sync-events.js';
import { isTransportError, isUnauthenticated, problemOf, type PushRow, type SyncApi } from '../wire/transport.js';

/** What RxDB may add to a document that is not part of the wire format. */
export function toWire(doc: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  return doc ? plainDoc(doc) : null;
}

/** Fields the device changed (against what it assumed) that the server's returned doc overrides. */
export function overriddenFields(
  fields: readonly string[],
  row: PushRow,
  returned: Record<string, unknown>,
): string[] {
  const lost: string[] = [];
  for (const f of fields) {
    const changed = !row.assumedMasterState || !sameValue(row.assumedMasterState[f], row.newDocumentState[f]);
    if (changed && !sameValue(returned[f], row.newDocumentState[f])) lost.push(f);
  }
  return lost;
}

export interface PusherOptions {
  api: SyncApi;
  signal: AbortSignal;
  onEvent(event: ReplicationEvent): void;
  backoff?: BackoffOptions;
  wake?: EventTarget;
}

export interface PushResult {
  /** What the server returned: conflicts (catalog) or every stored row with its verdict (movements). */
  docs: Record<string, unknown>[];
  /** Ids of rows the server refused with a problem; they were skipped. */
  refused: string[];
}
export type PushFn = (collection: CollectionName, rows: PushRow[]) => Promise<PushResult>;

/** Retry hooks shared by pulls and pushes: transport failures only, reported as events. */
export function retryHooksFor(o: PusherOptions) {
  return {
    signal: o.signal,
    backoff: o.backoff ?? DEFAULT_BACKOFF,
    wake: o.wake,
    isTransportError,
    onSuccess: () => o.onEvent({ type: 'transport-ok' }),
    onTransportError: (err: unknown, attempt: number, delayMs: number) =>
      o.onEvent({ type: 'transport-error', message: messageOf(err), attempt, delayMs }),
  };
}

/**
 * `replication.push` with retries on transport failure. A batch the server
 * refuses with a problem (not a verdict) is split until the offending rows are
 * isolated; those are reported (`push-refused`) and skipped, the rest go through.
 */
export function createPusher(o: PusherOptions): PushFn {
  const hooks = retryHooksFor(o);
  const push: PushFn = async (collection, rows) => {
    try {
      return { docs: await withRetry(() => o.api.push(collection, rows, o.signal), hooks), refused: [] };
    } catch (err) {
      if (err instanceof AbortedError || isUnauthenticated(err)) throw err;
      if (rows.length === 1) {
        const id = String(rows[0]!.newDocumentState.id);
        o.onEvent({ type: 'push-refused', collection, ids: [id], problem: problemOf(err), message: messageOf(err) });
        return { docs: [], refused: [id] };
      }
      const mid = Math.ceil(rows.length / 2);
      const a = await push(collection, rows.slice(0, mid));
      const b = await push(collection, rows.slice(mid));
      return { docs: [...a.docs, ...b.docs], refused: [...a.refused, ...b.refused] };
    }
  };
  return push;
}
