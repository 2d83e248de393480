// "Why it leaks" links for a function's matched patterns; drop into any panel showing a frame.
// Each link is a[data-testid=pattern-link][data-pattern=ID] and opens the explanation page.
import type { MouseEvent } from 'react';
import { EXPLANATIONS } from '../../patterns/explanations.ts';
import type { PatternId } from '../../patterns/types.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { PatternBadge } from './PatternBadge.tsx';
import { openPatternPage, patternHref } from './patternRoute.ts';
import { selectSuspectsView } from './suspectsModel.ts';

export function PatternLink({ id, testId = 'pattern-link', children }: { readonly id: PatternId; readonly testId?: string; readonly children?: React.ReactNode }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    openPatternPage(id);
  };
  return (
    <a className="pattern-link" href={patternHref(id)} data-testid={testId} data-pattern={id} onClick={onClick} title={EXPLANATIONS[id].summary.replaceAll('`', '')}>
      {children ?? `Why it leaks: ${EXPLANATIONS[id].title}`}
    </a>
  );
}

/** Pattern ids a function shows in the current diff (empty when none or no diff). */
export function usePatternsOf(functionName: string | null | undefined): readonly PatternId[] {
  return useAppStore((s: AppState) => (functionName ? (selectSuspectsView(s)?.byFunction.get(functionName) ?? NONE) : NONE));
}

const NONE: readonly PatternId[] = [];

/** The patterns matched at `functionName` with links to their pages; renders nothing when none match. */
export function PatternLinks({ functionName }: { readonly functionName: string | null | undefined }) {
  const ids = usePatternsOf(functionName);
  if (ids.length === 0) return null;
  return (
    <div className="pattern-links" data-testid="pattern-links">
      <div className="muted">Leak patterns at this frame</div>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <PatternBadge id={id} /> <PatternLink id={id} />
          </li>
        ))}
      </ul>
    </div>
  );
}
