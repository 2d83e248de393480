// Where a goroutine comes from. debug=2 dumps say it (`created by main.query`); the protobuf and
// debug=1 forms do not, so we read the goroutine's entry function — the root-most frame outside the
// runtime — and, for a closure, the function that encloses it:
//   main.query.func1 -> created by main.query (inferred);  main.worker -> entry main.worker, creator unknown.
import { isRuntimeFrame } from './waitState.ts';

/** The root-most non-runtime frame of a stack given root first; the root itself when all are runtime. */
export function entryFunction(rootFirst: readonly string[]): string {
  for (const name of rootFirst) if (!isRuntimeFrame(name)) return name;
  return rootFirst[0] ?? '(no frames)';
}

// `pkg.fn.func1`, `pkg.(*T).m.func2.1`, `pkg.fn.gowrap1` (Go 1.21+ wrappers of `go f(x)`).
const CLOSURE_SUFFIX = /^(.+?)\.(?:func|gowrap)\d+(?:\.\d+)*$/;

/**
 * The function that starts goroutines running `entry`, when the name shows it (closures), else null.
 * Package-level closures (`main.glob..func1`) have no enclosing function: null.
 */
export function creatorFromEntry(entry: string): string | null {
  const m = CLOSURE_SUFFIX.exec(entry);
  if (!m) return null;
  const enclosing = m[1];
  if (enclosing.endsWith('.glob.')) return null;
  return enclosing;
}
