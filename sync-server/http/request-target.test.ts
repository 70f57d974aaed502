import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target.js';

describe('request targets', () => {
  it('never throws, keeps the raw path, and refuses what is not a path', () => {
    for (const raw of ['//', '//?x', '///', '/\\', '/%', '/%zz?%', '/trpc/health?input=%7B']) {
      expect(() => parseRequestTarget(raw)).not.toThrow();
      expect(parseRequestTarget(raw)?.path).toBe(raw.split('?')[0]);
    }
    expect(parseRequestTarget('/a?input=%7B%7D')!.query.get('input')).toBe('{}');
    expect(parseRequestTarget('/a?input=%')!.query.get('input')).toBe('%');
    for (const raw of ['*', 'http://evil.example/', '', undefined, `/${'a'.repeat(20_000)}`]) expect(parseRequestTarget(raw)).toBeNull();
  });
});
