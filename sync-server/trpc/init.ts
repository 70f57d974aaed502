import { initTRPC } from '@trpc/server';
import type { Context } from './context.js';
import { problemFromError, publicMessage } from './error-formatter.js';

/** The one tRPC instance: plain JSON (no transformer) so any HTTP client can speak the protocol. */
export const t = initTRPC.context<Context>().create({
  isDev: false, // never send stacks
  errorFormatter({ shape, error }) {
    const problem = problemFromError(error);
    return {
      ...shape,
      message: publicMessage(error, problem),
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, problem },
    };
  },
  sse: {
    // Comments every 15 s keep proxies from closing idle streams; clients reconnect after 40 s of silence.
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 40_000 },
  },
});

export const router = t.router;
export const middleware = t.middleware;
