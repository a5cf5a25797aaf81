// A small, strict argument parser shared by the CLI commands: `--name value`, `--flag`, positionals.
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

export class ArgError extends Error {}

export function parseArgs(argv: string[], flags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (eq >= 0) options.set(name, a.slice(eq + 1));
    else if (flags.includes(name)) options.set(name, true);
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new ArgError(`option --${name} needs a value`);
      options.set(name, v);
      i++;
    }
  }
  return { positionals, options };
}

export function stringOpt(a: ParsedArgs, name: string): string | undefined {
  const v = a.options.get(name);
  if (v === true) throw new ArgError(`option --${name} needs a value`);
  return v;
}

export function requireOpt(a: ParsedArgs, name: string): string {
  const v = stringOpt(a, name);
  if (v === undefined) throw new ArgError(`missing required option --${name}`);
  return v;
}

export function intOpt(a: ParsedArgs, name: string, fallback: number): number {
  const v = stringOpt(a, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ArgError(`option --${name} must be an integer, got '${v}'`);
  return n;
}

export function unknownOptions(a: ParsedArgs, known: readonly string[]): void {
  for (const k of a.options.keys()) if (!known.includes(k)) throw new ArgError(`unknown option --${k}`);
}
