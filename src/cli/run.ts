// Dispatches argv to a command and maps every failure to an exit code and a message on stderr.
import { isDiffError } from '../diff/errors.ts';
import { isProfileError } from '../profile/errors.ts';
import type { CliCommand } from './command.ts';
import { commands as defaultCommands } from './commands/index.ts';
import { CliFailure, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, type CliIo } from './io.ts';

function help(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return (
    'usage: npm run --silent cli -- COMMAND [options]\n\ncommands:\n' +
    commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n    ${c.usage}\n`).join('') +
    '\nexit codes: 0 ok, 1 internal error, 2 bad input or incompatible profiles, 3 --fail-on-growth exceeded\n'
  );
}

export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = defaultCommands): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(help(commands));
    return name === undefined ? EXIT_BAD_INPUT : EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`unknown command "${name}"\n\n${help(commands)}`);
    return EXIT_BAD_INPUT;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`usage: ${command.usage}\n${command.summary}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof CliFailure) {
      io.stderr(`${e.message}\n`);
      return e.exitCode;
    }
    if (isProfileError(e) || isDiffError(e)) {
      io.stderr(`${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    // A bug, not bad input: say so, with the stack for the report.
    io.stderr(`internal error in "${name}": ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}
