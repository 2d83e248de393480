// A small coloured label naming a pattern (or unclassified growth).
import { EXPLANATIONS } from '../../patterns/explanations.ts';
import type { PatternId } from '../../patterns/types.ts';

export function PatternBadge({ id }: { readonly id: PatternId | null }) {
  return (
    <span className={`pattern-badge ${id ? `pattern-${id}` : 'pattern-unclassified'}`} data-badge={id ?? 'unclassified'}>
      {id ? EXPLANATIONS[id].title : 'Unclassified growth'}
    </span>
  );
}
