import { build } from 'esbuild';

/** Bundle a browser entry as an IIFE that sets `globalThis[globalName]`, for page.evaluate. */
export async function bundleForPage(entry: string, globalName: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'es2022',
    minify: true,
  });
  // page.evaluate runs the text inside a function: publish the IIFE's result explicitly.
  return `${out.outputFiles[0]!.text}\n;globalThis.${globalName} = ${globalName};`;
}
