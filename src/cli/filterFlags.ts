// --focus / --ignore / --hide as go tool pprof reads them (regexes on function name or file), shared by
// the commands that show stacks. Checked before any decode; applied in pprof's order.
import { compileMatcher, type FrameMatcher } from '../calltree/matchers.ts';
import { focusStacks, hideFrames, ignoreStacks } from '../calltree/transforms.ts';
import type { StackValues } from '../diff/stackValues.ts';
import { stringOption, type OptionSpec, type ParsedArgs } from './args.ts';
import { CliFailure, EXIT_BAD_INPUT } from './io.ts';

export const filterOptionSpec: OptionSpec = {
  focus: { type: 'string' },
  ignore: { type: 'string' },
  hide: { type: 'string' },
};

export const filterUsage = '[--focus RE] [--ignore RE] [--hide RE]';

export interface FilterFlags {
  readonly focus?: FrameMatcher;
  readonly ignore?: FrameMatcher;
  readonly hide?: FrameMatcher;
}

function matcherOrFail(pattern: string | undefined, flag: string): FrameMatcher | undefined {
  if (pattern === undefined) return undefined;
  const result = compileMatcher(pattern, 'regex');
  if (!result.ok) throw new CliFailure(EXIT_BAD_INPUT, `--${flag}: ${result.error}`);
  return result.matcher;
}

export function readFilterFlags(parsed: ParsedArgs): FilterFlags {
  return {
    focus: matcherOrFail(stringOption(parsed, 'focus'), 'focus'),
    ignore: matcherOrFail(stringOption(parsed, 'ignore'), 'ignore'),
    hide: matcherOrFail(stringOption(parsed, 'hide'), 'hide'),
  };
}

/** pprof's order: focus and ignore pick samples by their original frames, then hide removes frames. */
export function applyFilterFlags(values: StackValues, flags: FilterFlags): StackValues {
  let out = values;
  // pprof's -focus keeps the callers of the focused frame (no re-rooting).
  if (flags.focus) out = focusStacks(out, flags.focus, { reroot: false });
  if (flags.ignore) out = ignoreStacks(out, flags.ignore);
  if (flags.hide) out = hideFrames(out, flags.hide);
  return out;
}
