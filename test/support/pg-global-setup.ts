import { startPgCluster, type PgCluster } from './pg-cluster.js';

/**
 * Integration project, `STOCKROOM_TEST_BACKEND=postgres`: one throwaway PostgreSQL cluster for
 * the whole run (each tenant gets a database of its own on it), handed to the test workers as
 * STOCKROOM_TEST_DATABASE_URL, dropped at the end. Does nothing for the SQLite run.
 */
let cluster: PgCluster | null = null;

export async function setup(): Promise<void> {
  if (process.env.STOCKROOM_TEST_BACKEND !== 'postgres' || process.env.STOCKROOM_TEST_DATABASE_URL) return;
  cluster = await startPgCluster();
  process.env.STOCKROOM_TEST_DATABASE_URL = cluster.adminUrl;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = null;
}
