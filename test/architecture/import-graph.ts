/**
 * The project's import graph (madge over the TypeScript sources) and the two views the
 * architecture test checks: files, and folders (a file's folder is its directory).
 */
import { dirname, posix } from 'node:path';
import madge from 'madge';
import { repoRoot } from '../support/paths.js';

export const SOURCE_ROOTS = ['renderer', 'electron', 'shared', 'sync-server', 'scripts', 'bench', 'test'] as const;

/** file → the project files it imports (paths relative to the repo root). */
export type ImportGraph = Record<string, string[]>;

/**
 * `runtime`: only imports that exist at run time (`import type` is left out: a type-only
 * import is erased and cannot form a cycle of modules being evaluated).
 */
export async function importGraph(roots: readonly string[], opts: { runtime: boolean }): Promise<ImportGraph> {
  const detective = { skipTypeImports: opts.runtime, skipAsyncImports: false };
  const result = await madge([...roots], {
    baseDir: repoRoot,
    fileExtensions: ['ts', 'tsx'],
    tsConfig: posix.join(repoRoot, 'tsconfig.json'),
    excludeRegExp: [/node_modules/, /(^|\/)dist\//, /\.test\.tsx?$/],
    detectiveOptions: { ts: detective, tsx: detective },
  });
  return result.obj();
}

/** Strongly connected groups of more than one node (or a node importing itself): the cycles. */
export function cycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph[v] ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph[v] ?? []).includes(v)) found.push(group.sort());
    }
  };
  for (const v of Object.keys(graph)) if (!index.has(v)) visit(v);
  return found;
}

/** The graph of folders: an edge where some file of one imports a file of the other. */
export function folderGraph(graph: ImportGraph): ImportGraph {
  const folders: Record<string, Set<string>> = {};
  for (const [file, deps] of Object.entries(graph)) {
    const from = dirname(file);
    folders[from] ??= new Set();
    for (const dep of deps) if (dirname(dep) !== from) folders[from].add(dirname(dep));
  }
  return Object.fromEntries(Object.entries(folders).map(([f, s]) => [f, [...s].sort()]));
}

/** For a message: which files make the folder edges of a cycle. */
export function edgesWithin(graph: ImportGraph, group: readonly string[]): string[] {
  const inGroup = new Set(group);
  const lines: string[] = [];
  for (const [file, deps] of Object.entries(graph)) {
    for (const dep of deps) {
      if (dirname(file) !== dirname(dep) && inGroup.has(dirname(file)) && inGroup.has(dirname(dep))) lines.push(`${file} → ${dep}`);
    }
  }
  return lines;
}
