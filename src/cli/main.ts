// Node entry of the command line: `npm run --silent cli -- top FILE` / `diff BASE NEW` (see run.ts).
import { nodeIo } from './io.ts';
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
