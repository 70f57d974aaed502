/**
 * Tells the server how many movements this device still has pending and how
 * old the oldest one is (`devices.reportHealth`), so the owner's Devices
 * screen shows sync health per device (DESIGN §5).
 *
 * Reports once the initial sync is done, then whenever the pending count or
 * the oldest pending time changes (at most one report every 2 s), and again whenever the
 * connection comes back online. Best effort: a failed report (offline, server
 * down) is dropped silently; the next change or reconnect reports again.
 */
import { EMPTY, Observable, type Subscription, auditTime, catchError, distinctUntilChanged, filter, from, map, merge, shareReplay, switchMap, take } from 'rxjs';
import type { ReportHealthInput } from '../../../shared/index.js';
import type { SyncHealth } from '../api.js';
import type { SyncApi } from '../wire/transport.js';

export const HEALTH_REPORT_DEBOUNCE_MS = 2_000;

export interface HealthReportOptions {
  /** Nothing is reported before this settles (the client passes its initial sync). */
  ready?: PromiseLike<unknown>;
  debounceMs?: number;
}

const pairOf = (h: SyncHealth): ReportHealthInput => ({ pendingCount: h.pendingCount, oldestPendingAt: h.oldestPendingAt });
const samePair = (a: ReportHealthInput, b: ReportHealthInput) =>
  a.pendingCount === b.pendingCount && a.oldestPendingAt === b.oldestPendingAt;

/** One report; errors are swallowed, and a newer report aborts this one (switchMap below). */
function send(api: Pick<SyncApi, 'reportHealth'>, input: ReportHealthInput): Observable<never> {
  return new Observable<never>((subscriber) => {
    const abort = new AbortController();
    api.reportHealth(input, abort.signal).then(
      () => subscriber.complete(),
      () => subscriber.complete(),
    );
    return () => abort.abort();
  });
}

/** Starts reporting `health$` (which must replay its current value, like the client's) to the server. */
export function startHealthReports(
  health$: Observable<SyncHealth>,
  api: Pick<SyncApi, 'reportHealth'>,
  options: HealthReportOptions = {},
): Subscription {
  const debounceMs = options.debounceMs ?? HEALTH_REPORT_DEBOUNCE_MS;
  const ready$ = from(Promise.resolve(options.ready)).pipe(catchError(() => from([undefined])));
  return ready$
    .pipe(
      switchMap(() => {
        const pair$ = health$.pipe(map(pairOf), distinctUntilChanged(samePair), shareReplay({ bufferSize: 1, refCount: true }));
        const online$ = health$.pipe(
          map((h) => h.connection),
          distinctUntilChanged(),
          filter((c) => c === 'online'),
        );
        // The first pair (and 'online', if already so) is the report after the initial sync.
        return merge(pair$, online$).pipe(
          // At most one report per interval, always the latest: a busy till never starves it.
          auditTime(debounceMs),
          switchMap(() => pair$.pipe(take(1))),
        );
      }),
      switchMap((input) => send(api, input)),
      catchError(() => EMPTY),
    )
    .subscribe();
}
