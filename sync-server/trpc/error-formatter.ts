import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { makeProblem, type Problem } from '../../shared/index.js';
import { ProblemError } from '../domain/problem-error.js';

export const MAX_REPORTED_ISSUES = 20;

interface IssueLike {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
}

function issuesOf(cause: unknown): IssueLike[] | null {
  const issues = (cause as { issues?: unknown } | null | undefined)?.issues;
  return Array.isArray(issues) ? (issues as IssueLike[]) : null;
}

function pathOf(issue: IssueLike): string {
  return (issue.path ?? [])
    .map((p) => (typeof p === 'object' && p !== null ? String(p.key) : String(p)))
    .join('.');
}

const CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

/** A TRPCError whose HTTP status matches the problem's. */
export function problemToTRPCError(err: ProblemError): TRPCError {
  return new TRPCError({ code: CODE_BY_STATUS[err.problem.status] ?? 'BAD_REQUEST', message: err.message, cause: err });
}

/**
 * Every error leaves with a DESIGN §6 problem in data.problem. Internal errors carry no
 * detail (no stack, no SQL): type "internal", status 500, a transient failure to retry.
 */
export function problemFromError(error: TRPCError): Problem {
  const cause = error.cause;
  if (cause instanceof ProblemError) return cause.problem;
  const issues = issuesOf(cause);
  if (issues && (error.code === 'BAD_REQUEST' || error.code === 'INTERNAL_SERVER_ERROR')) {
    const list = issues.slice(0, MAX_REPORTED_ISSUES).map((i) => ({ path: pathOf(i), message: String(i.message).slice(0, 200) }));
    const first = list[0];
    const detail = first ? `${first.path || '(input)'}: ${first.message}` : 'Invalid input';
    return makeProblem('invalid-input', detail, { issues: list, issueCount: issues.length });
  }
  switch (error.code) {
    case 'PARSE_ERROR':
      return makeProblem('invalid-input', 'The request body is not valid JSON');
    case 'PAYLOAD_TOO_LARGE':
      return { ...makeProblem('invalid-input', 'The request body is too large'), status: 413 };
    case 'BAD_REQUEST':
    case 'UNPROCESSABLE_CONTENT':
      return makeProblem('invalid-input', error.message || 'Invalid input');
    case 'NOT_FOUND':
      return { ...makeProblem('invalid-input', error.message || 'No such procedure'), status: 404 };
    case 'METHOD_NOT_SUPPORTED':
      return { ...makeProblem('invalid-input', error.message), status: 405 };
    case 'UNAUTHORIZED':
      return makeProblem('unauthenticated', error.message || 'Sign in with a device token');
    case 'FORBIDDEN':
      return makeProblem('forbidden', error.message || 'Not allowed');
    case 'TOO_MANY_REQUESTS':
      return makeProblem('rate-limited', error.message || 'Too many requests');
    case 'CONFLICT':
      return makeProblem('conflict', error.message || 'Conflict');
    default:
      return makeProblem('internal', 'The server could not handle this request; try again');
  }
}

/** Whether the message may be shown to the client (internal messages are replaced). */
export function publicMessage(error: TRPCError, problem: Problem): string {
  return problem.status >= 500 ? 'Internal server error' : problem.detail || error.message;
}
