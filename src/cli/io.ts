// What a CLI command may touch: two output streams and the file system read. Tests pass their own.
import { readFileSync } from 'node:fs';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Uint8Array;
}

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => new Uint8Array(readFileSync(path)),
  };
}

/** Exit codes: 0 fine, 1 a bug, 2 bad input or incompatible profiles, 3 a --fail-on-growth limit was exceeded. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_GROWTH = 3;

/** A failure a command reports with its exit code; the message goes to stderr as it is. */
export class CliFailure extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.name = 'CliFailure';
    this.exitCode = exitCode;
  }
}
