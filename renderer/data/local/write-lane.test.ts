import { describe, expect, it } from 'vitest';
import { createWriteLane } from './write-lane.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('write lane', () => {
  it('runs one task at a time, in order, and a failed task does not stop the next', async () => {
    const lane = createWriteLane();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([lane(task('a')), lane(task('b', true)), lane(task('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
  });
});
