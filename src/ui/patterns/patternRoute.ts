// The one place the pattern pages' address is spelled: `#/patterns/<id>`. The URL itself is kept in
// step by the share URL manager (store.route); components only call these.
import type { PatternId } from '../../patterns/types.ts';
import { useAppStore } from '../../store/index.ts';

export function patternHref(id: PatternId): string {
  return `#/patterns/${id}`;
}

export function openPatternPage(id: PatternId): void {
  useAppStore.getState().openPattern(id);
}

export function closePatternPage(): void {
  useAppStore.getState().closePattern();
}
