// Frame matchers for focus / ignore / hide / search: a regex as go tool pprof reads one (it matches
// the function name or the file), or a plain substring so `(*Server).handle` and `main.glob..func2`
// can be typed as they are. A bad pattern is an error value, never an exception.

/** 'auto': a valid regex is used as one, anything else (`(*Server).handle`) as plain text, never an error. */
export type MatchMode = 'regex' | 'substring' | 'auto';

export interface FrameMatcher {
  readonly pattern: string;
  readonly mode: MatchMode;
  readonly test: (name: string, file: string) => boolean;
}

export type MatcherResult = { readonly ok: true; readonly matcher: FrameMatcher } | { readonly ok: false; readonly error: string };

/** Escapes a literal for use inside a regex (what pprof users write as `\(\*Server\)`). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function compileMatcher(pattern: string, mode: MatchMode = 'regex'): MatcherResult {
  if (pattern === '') return { ok: false, error: 'empty pattern' };
  if (mode === 'substring') {
    const needle = pattern.toLowerCase();
    return {
      ok: true,
      matcher: { pattern, mode, test: (name, file) => name.toLowerCase().includes(needle) || file.toLowerCase().includes(needle) },
    };
  }
  if (mode === 'auto') {
    const asRegex = compileMatcher(pattern, 'regex');
    return asRegex.ok ? { ok: true, matcher: { ...asRegex.matcher, mode: 'auto' } } : compileMatcher(pattern, 'substring');
  }
  let re: RegExp;
  try {
    // Go's RE2 flag groups like (?i) at the start are common in pprof flags; JS spells that as a flag.
    const caseless = pattern.startsWith('(?i)');
    re = new RegExp(caseless ? pattern.slice(4) : pattern, caseless ? 'i' : '');
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
    return {
      ok: false,
      error: `"${pattern}" is not a valid regular expression (${why}); escape special characters (\\( \\* \\.) or use plain-text matching`,
    };
  }
  return { ok: true, matcher: { pattern, mode, test: (name, file) => re.test(name) || (file !== '' && re.test(file)) } };
}

/** Per frame id, whether the matcher matches it (computed once per frame table). */
export function matchFrames(frames: { readonly length: number; readonly name: readonly string[]; readonly file: readonly string[] }, matcher: FrameMatcher): Uint8Array {
  const out = new Uint8Array(frames.length);
  for (let f = 0; f < frames.length; f++) out[f] = matcher.test(frames.name[f], frames.file[f]) ? 1 : 0;
  return out;
}
