// The CLI's commands. To add one, write commands/<name>.ts exporting a CliCommand and list it here.
import type { CliCommand } from '../command.ts';
import { diffCommand } from './diff.ts';
import { topCommand } from './top.ts';
import { trendCommand } from './trend.ts';

export const commands: readonly CliCommand[] = [topCommand, diffCommand, trendCommand];
