/**
 * DESIGN §1's boundaries and "no import cycles", checked on the real import graph (madge):
 *  - no cycle between files, type-only imports included;
 *  - no cycle between folders at run time (type-only imports are erased: the data layer's
 *    contract, renderer/data/api.ts, is implemented by its subfolders and they import its types);
 *  - the renderer reaches the sync server only through `import type` (the AppRouter type),
 *    never its code;
 *  - shared/ runs in every process: no Node built-ins, no DOM (shared/tsconfig.json type-checks
 *    it with neither lib, `npm run typecheck`), no imports of the processes' folders.
 * Tests are left out of the graph: they may import anything they exercise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { cycles, edgesWithin, folderGraph, importGraph, type ImportGraph } from './import-graph.js';

const APP_ROOTS = ['renderer', 'electron', 'shared', 'sync-server'];

describe('architecture', () => {
  let withTypes: ImportGraph;
  let runtime: ImportGraph;
  beforeAll(async () => {
    [withTypes, runtime] = await Promise.all([importGraph(APP_ROOTS, { runtime: false }), importGraph(APP_ROOTS, { runtime: true })]);
  }, 120_000);

  it('has no import cycle between files', () => {
    expect(Object.keys(withTypes).length).toBeGreaterThan(100); // the graph was read
    expect(cycles(withTypes)).toEqual([]);
  });

  it('has no import cycle between folders at run time', () => {
    const found = cycles(folderGraph(runtime)).map((group) => ({ folders: group, imports: edgesWithin(runtime, group) }));
    expect(found).toEqual([]);
  });

  // Electron's main is a Node process like the server and shares its one hardened static-file
  // module (issue 10); the renderer runs in a page and gets only types.
  it('keeps the renderer off the sync server’s code', () => {
    const crossings = Object.entries(runtime).flatMap(([file, deps]) =>
      file.startsWith('renderer/') ? deps.filter((d) => d.startsWith('sync-server/')).map((d) => `${file} → ${d}`) : [],
    );
    expect(crossings).toEqual([]);
    // …while the typed wire does use the server's router type.
    expect(Object.entries(withTypes).some(([file, deps]) => file.startsWith('renderer/') && deps.some((d) => d.startsWith('sync-server/')))).toBe(true);
  });

  it('keeps shared/ free of Node, the DOM and the processes', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const problems: string[] = [];
    for (const [file, deps] of Object.entries(withTypes)) {
      if (!file.startsWith('shared/')) continue;
      for (const d of deps) if (!d.startsWith('shared/')) problems.push(`${file} → ${d}`);
      const source = readFileSync(join(repoRoot, file), 'utf8');
      for (const m of source.matchAll(/from\s+'([^'.][^']*)'/g)) if (builtins.has(m[1]!)) problems.push(`${file} imports ${m[1]}`);
    }
    expect(problems).toEqual([]);
    // The DOM: shared/ is type-checked on its own without the DOM lib or Node's types.
    const tsconfig = JSON.parse(readFileSync(join(repoRoot, 'shared/tsconfig.json'), 'utf8')) as { compilerOptions: { lib: string[]; types: string[] } };
    expect(tsconfig.compilerOptions.lib.some((l) => /dom/i.test(l))).toBe(false);
    expect(tsconfig.compilerOptions.types).toEqual([]);
  });
});

describe('the cycle check', () => {
  it('finds a cycle of files and of folders when there is one', () => {
    const graph: ImportGraph = {
      'a/x.ts': ['b/y.ts'],
      'b/y.ts': ['a/z.ts'],
      'a/z.ts': [],
      'c/w.ts': ['c/v.ts'],
      'c/v.ts': ['c/w.ts'],
    };
    expect(cycles(graph)).toEqual([['c/v.ts', 'c/w.ts']]);
    expect(cycles(folderGraph(graph))).toEqual([['a', 'b']]);
    expect(edgesWithin(graph, ['a', 'b'])).toEqual(['a/x.ts → b/y.ts', 'b/y.ts → a/z.ts']);
  });
});
