// The shape of one CLI command; commands/index.ts lists them.
import type { CliIo } from './io.ts';

export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Usage line(s), shown on --help and on a usage error. */
  readonly usage: string;
  /** Returns the exit code; may throw CliFailure, ProfileError or DiffError (all exit 2 unless CliFailure says otherwise). */
  readonly run: (args: readonly string[], io: CliIo) => number | Promise<number>;
}
