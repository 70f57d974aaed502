import { makeProblem, type Problem, type ProblemType } from '../../shared/index.js';

/** A DESIGN §6 problem thrown by domain code; the tRPC layer maps it to an error with data.problem. */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(type: ProblemType, detail: string, fields: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.problem = makeProblem(type, detail, fields);
  }
}
