import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The server's Prometheus metrics on prom-client, with its default process metrics (CPU,
 * memory, event-loop lag, GC, handles). One registry per server: tests run several servers
 * in one process, and prom-client's global registry would mix them.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'stockroom_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'] as const, registers: [this.registry] });
  readonly procedureCalls = new Counter({ name: 'stockroom_trpc_calls_total', help: 'tRPC procedure calls by procedure and outcome', labelNames: ['procedure', 'ok'] as const, registers: [this.registry] });
  readonly procedureSeconds = new Histogram({
    name: 'stockroom_trpc_call_duration_seconds',
    help: 'tRPC procedure duration',
    labelNames: ['procedure'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly movements = new Counter({ name: 'stockroom_movements_total', help: 'Movements decided by the ledger, by status', labelNames: ['status'] as const, registers: [this.registry] });
  readonly pushes = new Counter({ name: 'stockroom_pushes_total', help: 'replication.push calls by collection', labelNames: ['collection'] as const, registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'stockroom_rate_limited_total', help: 'Requests refused by the rate limiter', registers: [this.registry] });
  readonly writeGroups = new Histogram({
    name: 'stockroom_write_group_size',
    help: 'Writes committed together in one database transaction (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry],
  });
  readonly activeStreams = new Gauge({ name: 'stockroom_active_streams', help: 'Open replication.stream subscriptions', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The text exposition format for GET /metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
