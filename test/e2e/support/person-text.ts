import { expect } from 'vitest';

/**
 * Checks that what a cashier reads is in the person's words (DESIGN §6, issue 11 §7): no ids,
 * no validator text, limits in words.
 */

/** An id (UUID-like) on screen. */
export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

/** Developer text that must never reach a cashier (zod and the old command messages). */
export const VALIDATOR_TEXT = [/Too big/i, /Too small/i, /\bexpected\b/, /must be a positive whole number/i, /Invalid input/i];

/** A limit of 1 000 000 000 as a person reads it (grouped digits in the locale's way). */
export const LIMIT_IN_WORDS = /1[\s,.\u00a0\u202f]000[\s,.\u00a0\u202f]000[\s,.\u00a0\u202f]000/;

export function expectPersonText(text: string): void {
  expect(text, 'an id on screen').not.toMatch(UUID);
  for (const re of VALIDATOR_TEXT) expect(text, `validator text on screen: ${re}`).not.toMatch(re);
}
