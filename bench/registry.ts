import { clientBench } from './client.js';
import { serverPull } from './server-pull.js';
import { serverFanout } from './server-fanout.js';
import { serverPg } from './server-pg.js';
import { serverPush } from './server-push.js';
import { serverReport } from './server-report.js';
import { serverSingle } from './server-single.js';

/**
 * Every benchmark module, by name. `npm run bench -- --only PREFIX` runs the
 * modules whose name starts with PREFIX. To add a bench, write a module that
 * returns flat `Record<string, number>` metrics (keys prefixed with its name,
 * e.g. `client.projection.ms`) and add one line here.
 */
export interface BenchModule {
  name: string;
  run: () => Promise<Record<string, number>>;
}

export const BENCHES: readonly BenchModule[] = [
  { name: 'server.push', run: serverPush },
  { name: 'server.pg', run: serverPg },
  { name: 'server.single', run: serverSingle },
  { name: 'server.stream_fanout', run: serverFanout },
  { name: 'server.pull', run: serverPull },
  { name: 'server.report', run: serverReport },
  { name: 'client', run: clientBench },
];
