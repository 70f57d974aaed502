import {
  TRPCClientError,
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import type { PairResult, Problem } from '../../shared/index.js';
import { isProblem } from '../../shared/index.js';
import type { AppRouter } from '../../sync-server/trpc/routers/app-router.js';

export type Api = TRPCClient<AppRouter>;

/**
 * A tRPC client speaking the real protocol: plain JSON over HTTP (one request
 * per call, so concurrent calls really race on the server) and subscriptions
 * over SSE. Node 20 has no global EventSource, so the `eventsource` package is
 * used with a fetch that adds the bearer token.
 */
export function createApi(baseUrl: string, token: string | null): Api {
  const headers = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${baseUrl}/trpc`,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init?.headers, ...headers() } }),
          }),
        }),
        false: httpLink({ url: `${baseUrl}/trpc`, headers }),
      }),
    ],
  });
}

/** A paired device: its identity and a client that authenticates as it. */
export interface Device extends PairResult {
  name: string;
  api: Api;
  baseUrl: string;
}

export async function pairDevice(baseUrl: string, code: string, deviceName: string): Promise<Device> {
  const anonymous = createApi(baseUrl, null);
  const result = await anonymous.auth.pair.mutate({ code, deviceName });
  return { ...result, name: deviceName, baseUrl, api: createApi(baseUrl, result.token) };
}

/** The problem object of DESIGN §6 carried by a tRPC error, or null. */
export function problemOf(err: unknown): Problem | null {
  if (err instanceof TRPCClientError) {
    const data = (err as TRPCClientError<AppRouter>).data as { problem?: unknown } | null | undefined;
    return isProblem(data?.problem) ? data.problem : null;
  }
  return null;
}

/** Await a call that must fail with a problem; returns the problem (throws if it succeeded). */
export async function expectProblem(call: Promise<unknown>): Promise<Problem> {
  let value: unknown;
  try {
    value = await call;
  } catch (err) {
    const problem = problemOf(err);
    if (!problem) throw new Error(`error without a problem object: ${String(err)}`, { cause: err });
    return problem;
  }
  throw new Error(`expected a problem error, got a result: ${JSON.stringify(value)?.slice(0, 300)}`);
}
