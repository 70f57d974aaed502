import { BehaviorSubject, distinctUntilChanged, map, type Subscription } from 'rxjs';
import type { StoreDoc } from '../../../shared/index.js';
import type { Session } from '../api.js';

/**
 * The stores of the tenant as this device holds them: every one (the server's directory, names
 * for transfers) and the ones this device works in (owners: all), both by name. Keeps the
 * session's active store one of the latter.
 */
export class StoreDirectory {
  readonly all$ = new BehaviorSubject<StoreDoc[]>([]);
  readonly mine$ = new BehaviorSubject<StoreDoc[]>([]);
  private readonly sub: Subscription;

  constructor(
    private readonly session$: BehaviorSubject<Session>,
    private readonly setActiveStore: (storeId: string) => void,
    private readonly read: () => Promise<StoreDoc[]>,
  ) {
    // Re-pairing can change the role or the stores: what "mine" means follows.
    this.sub = session$.pipe(map((s) => `${s.role} ${s.storeIds.join(',')}`), distinctUntilChanged()).subscribe(() => this.show());
  }

  /** Reads the local `stores` collection again (on start and on each change). */
  async refresh(): Promise<void> {
    this.all$.next((await this.read()).sort((a, b) => a.name.localeCompare(b.name)));
    this.show();
  }

  close(): void {
    this.sub.unsubscribe();
  }

  private show(): void {
    const s = this.session$.value;
    const mine = this.all$.value.filter((x) => s.role === 'owner' || s.storeIds.includes(x.id));
    this.mine$.next(mine);
    if ((!s.activeStoreId || !mine.some((x) => x.id === s.activeStoreId)) && mine.length > 0) this.setActiveStore(mine[0]!.id);
  }
}

