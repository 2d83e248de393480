// Thin wrapper over node:util parseArgs that turns its exceptions into usage failures (exit 2).
import { parseArgs } from 'node:util';
import { CliFailure, EXIT_BAD_INPUT } from './io.ts';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

export function parseCommandArgs(args: readonly string[], options: OptionSpec, usage: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new CliFailure(EXIT_BAD_INPUT, `${e instanceof Error ? e.message : String(e)}\nusage: ${usage}`);
  }
}

export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}
