import { router } from '../init.js';
import { authRouter } from './auth.js';
import { devicesRouter } from './devices.js';
import { healthRouter } from './health.js';
import { replicationRouter } from './replication.js';
import { reportsRouter } from './reports.js';

export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  devices: devicesRouter,
  replication: replicationRouter,
  reports: reportsRouter,
});

/** The only thing the renderer imports from sync-server (type-only). */
export type AppRouter = typeof appRouter;
