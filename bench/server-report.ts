import { createApi } from '../test/support/client.js';
import { seedLedger } from './seed-ledger.js';

const MOVEMENTS = Number(process.env.BENCH_REPORT_MOVEMENTS ?? 2_000_000);
const ROUNDS = 3;

/**
 * `reports.valuation` as of a date over a ledger of 2 000 000 movements (bench/seed-ledger.ts:
 * a receipt per product, then sales over 400 days), on SQLite, over HTTP: the best of 3 (after
 * one untimed warm-up), as of the middle of the ledger's history (half of it applies).
 * PostgreSQL is not measured yet: the seeding is SQLite's.
 */
export async function serverReport(): Promise<Record<string, number>> {
  const ledger = await seedLedger({ movements: MOVEMENTS, products: 10_000, devices: 1 });
  try {
    const api = createApi(ledger.server.url, ledger.tokens[0]!);
    const asOf = Date.now() - 200 * 86_400_000;
    const valuation = () => api.reports.valuation.query({ asOf });
    const rows = (await valuation()).rows.length;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await valuation();
      best = Math.min(best, performance.now() - started);
    }
    return {
      'server.report.valuation_ms': Math.round(best),
      'server.report.valuation_ms.target': 500,
      'server.report.valuation_rows': rows,
      'server.report.ledger_movements': MOVEMENTS,
    };
  } finally {
    await ledger.dispose();
  }
}
