// Node -> leak-pattern ids for the flame graph's markers, from the suspects of the pair on screen.
// Use: `const patterns = useAppStore(selectPatternLookup)` and pass it as FlameGraph's `patterns`.
import type { PatternLookup } from '../../flame/flameChart.ts';
import type { AppState } from '../../store/index.ts';
import { selectSuspectsView, type SuspectsView } from './suspectsModel.ts';

const lookups = new WeakMap<SuspectsView, PatternLookup<number>>();

export function selectPatternLookup(s: AppState): PatternLookup<number> | null {
  const view = selectSuspectsView(s);
  if (!view) return null;
  let lookup = lookups.get(view);
  if (!lookup) {
    const patternsAtPath = view.patternsAtPath;
    lookup = (node) => patternsAtPath(node.path);
    lookups.set(view, lookup);
  }
  return lookup;
}
