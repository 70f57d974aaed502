import { describe, expect, it } from 'vitest';
import { isProblem, makeProblem } from './problem.js';

describe('problems', () => {
  it('carries type, title, detail, status and extra fields', () => {
    const problem = makeProblem('insufficient-stock', 'Only 2 available', { requested: 3, available: 2 });
    expect(problem).toEqual({
      type: 'insufficient-stock',
      title: 'Not enough stock',
      detail: 'Only 2 available',
      status: 409,
      requested: 3,
      available: 2,
    });
    expect(isProblem(problem)).toBe(true);
  });

  it('does not let extra fields override the core ones', () => {
    expect(makeProblem('forbidden', 'no', { status: 200, type: 'x' })).toMatchObject({ status: 403, type: 'forbidden' });
  });

  it('recognises only known types', () => {
    expect(isProblem({ type: 'teapot' })).toBe(false);
    expect(isProblem(null)).toBe(false);
  });
});
