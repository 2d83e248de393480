// Node -> leak-pattern ids for the flame graph's markers, from the suspects of the pair on screen.
// Use: `const patterns = useAppStore(selectPatternLookup)` and pass it as FlameGraph's `patterns`.
import type { PatternLookup } from '../../flame/flameChart.ts';
import { pathKey } from '../../patterns/match.ts';
import type { PatternId } from '../../patterns/types.ts';
import type { AppState } from '../../store/index.ts';
import { selectSuspectsView } from './suspectsModel.ts';

const lookups = new WeakMap<ReadonlyMap<string, readonly PatternId[]>, PatternLookup<number>>();

export function selectPatternLookup(s: AppState): PatternLookup<number> | null {
  const view = selectSuspectsView(s);
  if (!view) return null;
  let lookup = lookups.get(view.byPath);
  if (!lookup) {
    const byPath = view.byPath;
    lookup = (node) => byPath.get(pathKey(node.path));
    lookups.set(view.byPath, lookup);
  }
  return lookup;
}
