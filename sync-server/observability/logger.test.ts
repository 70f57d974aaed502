import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('logger', () => {
  it('writes one JSON object per line with time, level as a word, msg and fields', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).log('warn', 'request', { status: 429, path: '/trpc/x' });
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'warn', msg: 'request', status: 429, path: '/trpc/x' });
    expect(Number.isNaN(Date.parse(String(entry.time)))).toBe(false);
  });

  it('never writes a token, an authorization header, a pairing code or a PIN', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).log('info', 'pair', { token: 'tok-123', code: 'ABCDE-12345', req: { headers: { authorization: 'Bearer tok-123' } }, user: { pin: '1234' } });
    expect(lines[0]).not.toMatch(/tok-123|ABCDE|1234/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ token: '[redacted]', code: '[redacted]', user: { pin: '[redacted]' } });
  });

  it('plain lines go out as they are, for the lines people read', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).plain('owner pairing code: ABCDE-12345');
    expect(lines).toEqual(['owner pairing code: ABCDE-12345']);
  });
});
