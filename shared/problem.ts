/** Problem types of DESIGN §6: every error the server returns carries one of these in `data.problem`. */
export const PROBLEM_TYPES = [
  'insufficient-stock',
  'unknown-product',
  'unknown-store',
  'forbidden-store',
  'invalid-input',
  'unauthenticated',
  'forbidden',
  'rate-limited',
  'conflict',
  // Not in DESIGN §6: a server fault is none of the above; clients retry it like a transport failure.
  'internal',
] as const;

export type ProblemType = (typeof PROBLEM_TYPES)[number];

export interface Problem {
  type: ProblemType;
  title: string;
  detail: string;
  status: number;
  [field: string]: unknown;
}

const TITLES: Record<ProblemType, { title: string; status: number }> = {
  'insufficient-stock': { title: 'Not enough stock', status: 409 },
  'unknown-product': { title: 'Unknown product', status: 404 },
  'unknown-store': { title: 'Unknown store', status: 404 },
  'forbidden-store': { title: 'Store not allowed for this device', status: 403 },
  'invalid-input': { title: 'Invalid input', status: 400 },
  unauthenticated: { title: 'Not signed in', status: 401 },
  forbidden: { title: 'Not allowed', status: 403 },
  'rate-limited': { title: 'Too many requests', status: 429 },
  conflict: { title: 'Conflict', status: 409 },
  internal: { title: 'Server error', status: 500 },
};

export function makeProblem(
  type: ProblemType,
  detail: string,
  fields: Record<string, unknown> = {},
): Problem {
  const { title, status } = TITLES[type];
  return { ...fields, type, title, detail, status };
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && (PROBLEM_TYPES as readonly string[]).includes(type);
}
