import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BENCHES } from './registry.js';

/**
 * `npm run bench [-- --out FILE] [--only PREFIX ...]`: runs the registered bench
 * modules in order and writes ONE flat JSON object of named numbers.
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    only: { type: 'string', multiple: true },
  },
});

const prefixes = values.only ?? [];
const selected = BENCHES.filter((b) => prefixes.length === 0 || prefixes.some((p) => b.name.startsWith(p) || p.startsWith(`${b.name}.`)));
if (selected.length === 0) {
  console.error(`no bench matches ${prefixes.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

const results: Record<string, number> = {};
for (const bench of selected) {
  const started = performance.now();
  process.stderr.write(`bench ${bench.name} …\n`);
  const metrics = await bench.run();
  for (const [key, value] of Object.entries(metrics)) {
    if (!Number.isFinite(value)) throw new Error(`bench ${bench.name}: ${key} is not a finite number (${value})`);
    if (key in results) throw new Error(`bench ${bench.name}: duplicate key ${key}`);
    results[key] = value;
  }
  process.stderr.write(`bench ${bench.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const json = JSON.stringify(results, null, 2);
console.log(json);
if (values.out) writeFileSync(values.out, `${json}\n`);
