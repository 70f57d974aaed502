/** Minimal Prometheus registry (text exposition format 0.0.4); no dependency needed. */
type Labels = Record<string, string>;

const NEEDS_ESCAPE = /[\\"\n]/;
const escapeLabel = (v: string): string =>
  NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : v;

/** Runs a few times per request: a plain loop, and values are escaped only when they need it. */
function labelKey(labels: Labels): string {
  let key = '';
  for (const k in labels) key += `${key ? ',' : ''}${k}="${escapeLabel(labels[k]!)}"`;
  return key ? `{${key}}` : '';
}

class Counter {
  readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const [k, v] of this.values) lines.push(`${this.name}${k} ${v}`);
    return lines.join('\n');
  }
}

class Summary {
  readonly sums = new Map<string, { sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string) {}
  observe(labels: Labels, value: number): void {
    const k = labelKey(labels);
    const s = this.sums.get(k) ?? { sum: 0, count: 0 };
    s.sum += value;
    s.count++;
    this.sums.set(k, s);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} summary`];
    for (const [k, s] of this.sums) {
      lines.push(`${this.name}_sum${k} ${s.sum}`, `${this.name}_count${k} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class Metrics {
  readonly httpRequests = new Counter('stockroom_http_requests_total', 'HTTP requests by route and status');
  readonly procedureCalls = new Counter('stockroom_trpc_calls_total', 'tRPC procedure calls by procedure and outcome');
  readonly procedureSeconds = new Summary('stockroom_trpc_call_duration_seconds', 'tRPC procedure duration');
  readonly movements = new Counter('stockroom_movements_total', 'Movements decided by the ledger, by status');
  readonly pushes = new Counter('stockroom_pushes_total', 'replication.push calls by collection');
  readonly rateLimited = new Counter('stockroom_rate_limited_total', 'Requests refused by the rate limiter');
  readonly writeGroups = new Summary('stockroom_write_group_size', 'Writes committed together in one SQLite transaction (group commit)');
  activeStreams = 0;

  render(): string {
    return [
      this.httpRequests.render(),
      this.procedureCalls.render(),
      this.procedureSeconds.render(),
      this.movements.render(),
      this.pushes.render(),
      this.rateLimited.render(),
      this.writeGroups.render(),
      '# HELP stockroom_active_streams Open replication.stream subscriptions',
      '# TYPE stockroom_active_streams gauge',
      `stockroom_active_streams ${this.activeStreams}`,
      '# HELP process_resident_memory_bytes Resident memory size in bytes',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
      '',
    ].join('\n');
  }
}
