import { router } from './init.js';
import { authRouter } from './routers/auth.js';
import { devicesRouter } from './routers/devices.js';
import { healthRouter } from './routers/health.js';
import { replicationRouter } from './routers/replication.js';
import { reportsRouter } from './routers/reports.js';

export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  devices: devicesRouter,
  replication: replicationRouter,
  reports: reportsRouter,
});

/** The only thing the renderer imports from sync-server (type-only). */
export type AppRouter = typeof appRouter;
