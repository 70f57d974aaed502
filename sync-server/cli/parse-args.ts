/** Tiny flag parser: `--name value`, `--name=value`, repeated flags collect; `--flag` alone is "true". */
export interface ParsedArgs {
  command: string | null;
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const flags = new Map<string, string[]>();
  let command: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      let value: string;
      if (eq > 0) value = arg.slice(eq + 1);
      else if (booleanFlags.includes(name)) value = 'true';
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        value = next;
        i++;
      }
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else if (command === null) {
      command = arg;
    } else {
      throw new UsageError(`unexpected argument: ${arg}`);
    }
  }
  return { command, flags };
}

export function allowOnly(args: ParsedArgs, allowed: readonly string[]): void {
  for (const name of args.flags.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
  }
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.flags.get(name);
  if (!values) return undefined;
  if (values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values[0];
}

export function intFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = single(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}
