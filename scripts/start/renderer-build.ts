import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What the production build of the renderer (dist/renderer) is made from. */
export const RENDERER_SOURCES = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'] as const;

export type BuildState = { fresh: true } | { fresh: false; reason: 'missing' | 'stale' };

/** The newest mtime (ms) of a file or folder and everything under it; 0 when absent. */
function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  let newest = stat.mtimeMs; // a folder's own mtime moves when a file in it is deleted or renamed
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(p)) {
      if (entry === 'node_modules') continue;
      newest = Math.max(newest, newestMtime(path.join(p, entry)));
    }
  }
  return newest;
}

/**
 * Whether dist/renderer must be (re)built: its index.html is missing, or older than any file
 * (or folder) under renderer/ or shared/, vite.config.ts or package-lock.json.
 */
export function rendererBuildState(projectRoot: string, outDir = path.join(projectRoot, 'dist', 'renderer')): BuildState {
  let built: number;
  try {
    built = fs.statSync(path.join(outDir, 'index.html')).mtimeMs;
  } catch {
    return { fresh: false, reason: 'missing' };
  }
  const newest = Math.max(...RENDERER_SOURCES.map((s) => newestMtime(path.join(projectRoot, s))));
  return newest > built ? { fresh: false, reason: 'stale' } : { fresh: true };
}

/**
 * `vite build` (the project's vite.config.ts, `npm run build:renderer`) into dist/renderer.
 * It builds into a sibling folder and then swaps it in, so a server already serving the old
 * build (another `npm start`, a running `serve --web`) never sees a half-written folder.
 * index.html gets the time the build started as its mtime: a source saved during the build is
 * newer, so the next start builds again.
 */
export async function buildRenderer(
  projectRoot: string,
  outDir = path.join(projectRoot, 'dist', 'renderer'),
  signal?: AbortSignal,
): Promise<void> {
  removeLeftovers(outDir);
  const startedAt = new Date();
  const suffix = `${process.pid}-${Date.now()}`;
  const tmpDir = `${outDir}.building-${suffix}`;
  const oldDir = `${outDir}.old-${suffix}`;
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [vite, 'build', '--config', path.join(projectRoot, 'vite.config.ts'), '--outDir', tmpDir, '--emptyOutDir', '--logLevel', 'warn'],
        // NODE_ENV=test (vitest) or development would bundle React's development build.
        { cwd: projectRoot, timeout: 600_000, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' }, signal },
        (error, stdout, stderr) => {
          if (!error) return resolve();
          if (signal?.aborted) return reject(new Error('the build was stopped'));
          const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n');
          reject(new Error(`the app could not be built (vite build: ${error.message.split('\n')[0]})${tail ? `\n${tail}` : ''}`));
        },
      );
    });
    const index = path.join(tmpDir, 'index.html');
    if (!fs.existsSync(index)) throw new Error(`the app could not be built: vite build wrote no ${index}`);
    fs.utimesSync(index, startedAt, startedAt);
    fs.mkdirSync(path.dirname(outDir), { recursive: true });
    const hadOld = fs.existsSync(outDir);
    if (hadOld) fs.renameSync(outDir, oldDir);
    fs.renameSync(tmpDir, outDir);
    if (hadOld) fs.rmSync(oldDir, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Folders a build that was killed half-way left next to outDir (their process is gone). */
function removeLeftovers(outDir: string): void {
  const parent = path.dirname(outDir);
  const prefix = `${path.basename(outDir)}.`;
  const pattern = /^(?:building|old)-(\d+)-\d+$/;
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = entry.startsWith(prefix) ? pattern.exec(entry.slice(prefix.length))?.[1] : undefined;
    if (pid && !isAlive(Number(pid))) fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Build dist/renderer when it is missing or stale, saying so in one line. Returns its path and
 * how long the build took (null when none was needed).
 */
export async function ensureRendererBuild(
  projectRoot: string,
  opts: { log?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<{ dir: string; builtInMs: number | null }> {
  const dir = path.join(projectRoot, 'dist', 'renderer');
  const state = rendererBuildState(projectRoot, dir);
  if (state.fresh) return { dir, builtInMs: null };
  (opts.log ?? console.log)(
    state.reason === 'missing' ? 'Building the app… (first start only)' : 'Building the app… (its code changed since the last build)',
  );
  const started = Date.now();
  await buildRenderer(projectRoot, dir, opts.signal);
  return { dir, builtInMs: Date.now() - started };
}
