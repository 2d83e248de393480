// The `# runtime.MemStats` block at the end of a debug=1 heap profile, as numbers keyed by the names Go
// writes. Pairs written as `# Stack = inuse / sys` become StackInuse/StackSys (likewise MSpan, MCache);
// booleans (DebugGC) become 0/1. The 256-entry PauseNs and PauseEnd arrays are skipped: they are GC
// history, not heap state, and a record of scalars is what the UI shows.

const PAIRED: Readonly<Record<string, readonly [string, string]>> = {
  Stack: ['StackInuse', 'StackSys'],
  MSpan: ['MSpanInuse', 'MSpanSys'],
  MCache: ['MCacheInuse', 'MCacheSys'],
};

// No lazy `(.*?)\s*$`: on a value padded with thousands of spaces it backtracks quadratically.
const ENTRY = /^#\s*([A-Za-z][A-Za-z0-9_]*)\s*=(.*)$/;

export const MEMSTATS_HEADER = /^#\s*runtime\.MemStats\s*$/;

/** Adds one `# Key = value` line to `into`; false when the line is not such an entry. */
export function addMemStatsLine(line: string, into: Record<string, number>): boolean {
  const m = ENTRY.exec(line);
  if (!m) return false;
  const key = m[1];
  const value = m[2].trim();
  if (value.startsWith('[')) return true; // PauseNs, PauseEnd: skipped, see above
  const pair = PAIRED[key];
  const halves = value.split('/').map((s) => s.trim());
  if (pair && halves.length === 2) {
    const inuse = Number(halves[0]);
    const sys = Number(halves[1]);
    if (Number.isFinite(inuse)) into[pair[0]] = inuse;
    if (Number.isFinite(sys)) into[pair[1]] = sys;
    return true;
  }
  if (value === 'true' || value === 'false') {
    into[key] = value === 'true' ? 1 : 0;
    return true;
  }
  const n = Number(value);
  if (value !== '' && Number.isFinite(n)) into[key] = n;
  return true;
}
