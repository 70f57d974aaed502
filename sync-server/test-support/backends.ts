import { afterAll, beforeAll } from 'vitest';
import { postgresAvailable, startPgCluster, type PgCluster } from '../../test/support/pg-cluster.js';

/**
 * The storage backends a suite runs against: SQLite always, PostgreSQL when this machine can
 * start a server (Debian's postgresql package; `.ci/run` installs it, and on CI its absence
 * fails the run instead of skipping).
 */
export type BackendName = 'sqlite' | 'postgres';

export function testBackends(): BackendName[] {
  if (postgresAvailable()) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error('PostgreSQL is not installed: the storage suites must run against it on CI');
  console.warn('PostgreSQL is not installed here: storage suites run against SQLite only');
  return ['sqlite'];
}

/**
 * Call inside a describe: for 'postgres', one throwaway cluster for the describe (started in
 * beforeAll, dropped in afterAll) and a fresh database per `databaseUrl()`; for 'sqlite', null.
 */
export function useBackend(name: BackendName): { databaseUrl(): Promise<string | null>; cluster(): PgCluster } {
  let cluster: PgCluster | null = null;
  if (name === 'postgres') {
    beforeAll(async () => {
      cluster = await startPgCluster();
    }, 120_000);
    afterAll(async () => {
      await cluster?.stop();
    }, 60_000);
  }
  return {
    databaseUrl: async () => (cluster ? cluster.createDatabase() : null),
    cluster: () => {
      if (!cluster) throw new Error(`no PostgreSQL cluster for backend ${name}`);
      return cluster;
    },
  };
}
