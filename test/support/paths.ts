import { fileURLToPath } from 'node:url';

/** The project root (two levels above test/support/). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
