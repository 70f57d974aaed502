/**
 * The Exceptions screen's lists (DESIGN §5): open exceptions (the server's rejections and this
 * device's refused pushes, minus those with a resolution) and the history of resolutions.
 * The rule of what is open lives in exceptions.ts; this file only wires the live sources to it.
 */
import { BehaviorSubject, combineLatest, map, type Observable, type Subscription } from 'rxjs';
import type { MovementDoc, ProductDoc } from '../../../shared/index.js';
import type { ResolvedException, Session, SyncException } from '../api.js';
import { plainDoc, type StockroomDatabase } from '../local/database.js';
import { LocalRecord } from '../local/local-state.js';
import type { RecordIndex } from '../projection/record-index.js';
import type { Refusals } from '../push/refusals.js';
import { openExceptions } from './exceptions.js';

/** Exceptions acknowledged on this device before resolutions replicated (they stay resolved). */
type Acks = Record<string, { resolution: string; at: number }>;

export interface ExceptionsView {
  exceptions$: Observable<SyncException[]>;
  history$: Observable<ResolvedException[]>;
  /** Reads the refused movements as their ids change; stop with the client. */
  subscription: Subscription;
}

export async function exceptionsView(deps: {
  db: StockroomDatabase;
  refusals: Refusals;
  records: RecordIndex;
  session$: Observable<Session>;
  product(id: string): ProductDoc | undefined;
}): Promise<ExceptionsView> {
  const { db, refusals, records, product } = deps;
  const acks = await LocalRecord.open<Acks>(db, 'exception-acks', {});
  const rejected$ = db.movements.find({ selector: { status: 'rejected' } }).$.pipe(map((docs) => docs.map((d) => plainDoc<MovementDoc>(d))));
  const refusedDocs$ = new BehaviorSubject<MovementDoc[]>([]);
  const subscription = refusals.value$.subscribe(async (r) => {
    const ids = Object.keys(r);
    if (ids.length === 0) return refusedDocs$.next([]);
    const found = await db.movements.findByIds(ids).exec();
    refusedDocs$.next([...found.values()].map((d) => plainDoc<MovementDoc>(d)));
  });
  const resolutions$ = records.list$('resolutions');
  const exceptions$ = combineLatest([rejected$, refusedDocs$, resolutions$, acks.value$, deps.session$]).pipe(
    map(([rejected, refusedDocs, resolutions, ackMap, session]) =>
      openExceptions({
        rejected,
        refused: refusedDocs.map((movement) => ({ movement, message: refusals.message(movement.id) ?? 'refused by the server' })),
        resolutions: new Map(resolutions.map((r) => [r.id, r])),
        legacyAcks: new Set(Object.keys(ackMap)),
        seesAll: session.role === 'owner',
        ownDeviceIds: new Set([session.deviceId, ...(session.formerDeviceIds ?? [])]),
      }).map(({ movement, message }): SyncException => ({
        movement,
        product: product(movement.productId),
        requested: movement.rejection?.requested ?? null,
        available: movement.rejection?.available ?? null,
        message: movement.rejection?.message ?? message ?? 'refused by the server',
      })),
    ),
  );
  const history$ = resolutions$.pipe(
    map((list) => [...list].sort((a, b) => b.at - a.at).map((resolution): ResolvedException => ({ resolution, movement: undefined, product: product(resolution.productId) }))),
  );
  return { exceptions$, history$, subscription };
}
