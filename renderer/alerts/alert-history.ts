/**
 * The alert centre's history and the evaluator's state, kept in localStorage
 * per paired device so they survive reloads and work offline.
 */
import {
  alertItemId,
  parseAlertState,
  serializeAlertState,
  type AlertDelivery,
  type AlertEvent,
  type AlertItem,
  type AlertState,
} from '../../shared/alerts/index.js';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A stock or a transfer alert (tell them apart with isTransferAlert), as the alert centre lists it. */
export type AlertHistoryEntry = AlertItem & {
  id: string;
  delivery: AlertDelivery;
};

export const HISTORY_LIMIT = 500;

/** Newest first; an event for an id already there (held, then told) updates it. */
export function mergeHistory(history: readonly AlertHistoryEntry[], events: readonly AlertEvent[]): AlertHistoryEntry[] {
  if (events.length === 0) return history as AlertHistoryEntry[];
  const updates = new Map<string, AlertHistoryEntry>();
  for (const e of events) updates.set(alertItemId(e.item), { ...e.item, id: alertItemId(e.item), delivery: e.delivery });
  const kept = history.map((h) => updates.get(h.id) ?? h);
  const known = new Set(history.map((h) => h.id));
  const fresh = [...updates.values()].filter((u) => !known.has(u.id));
  return [...fresh, ...kept].sort((a, b) => b.at - a.at).slice(0, HISTORY_LIMIT);
}

export class AlertPersistence {
  constructor(
    private storage: KeyValueStorage,
    private prefix: string,
  ) {}

  loadState(): AlertState {
    return parseAlertState(this.read('state'));
  }

  saveState(state: AlertState): void {
    this.write('state', serializeAlertState(state));
  }

  loadHistory(): AlertHistoryEntry[] {
    try {
      const parsed: unknown = JSON.parse(this.read('history') ?? '[]');
      return Array.isArray(parsed) ? (parsed as AlertHistoryEntry[]).filter((h) => typeof h?.id === 'string') : [];
    } catch {
      return [];
    }
  }

  saveHistory(history: readonly AlertHistoryEntry[]): void {
    this.write('history', JSON.stringify(history));
  }

  private read(name: string): string | null {
    try {
      return this.storage.getItem(`${this.prefix}.${name}`);
    } catch {
      return null;
    }
  }

  private write(name: string, value: string): void {
    try {
      this.storage.setItem(`${this.prefix}.${name}`, value);
    } catch {
      /* storage full or unavailable: alerts keep working in memory */
    }
  }
}
