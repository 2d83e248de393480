// The explanation page of one leak pattern: what leaks, how it looks in heap and goroutine profiles,
// a leaking program beside its fix, how to confirm the fix, related patterns. Offline, text only.
import { useEffect, useRef } from 'react';
import { EXPLANATIONS } from '../../patterns/explanations.ts';
import { ruleFor } from '../../patterns/rules.ts';
import { isPatternId, type PatternId } from '../../patterns/types.ts';
import { useAppStore } from '../../store/index.ts';
import { PatternLink } from './PatternLinks.tsx';
import { closePatternPage } from './patternRoute.ts';
import { RichText } from './RichText.tsx';
import './patterns.css';

export function PatternPage({ id }: { readonly id: PatternId }) {
  const e = EXPLANATIONS[id];
  const rule = ruleFor(id);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (ev: KeyboardEvent) => {
      if (ev.key === 'Escape') closePatternPage();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id]);
  return (
    <article className="pattern-page" data-testid="pattern-page" data-pattern={id} role="dialog" aria-modal="true" aria-labelledby="pattern-title">
      <header className="pattern-page-head">
        <button type="button" ref={closeRef} onClick={closePatternPage} data-testid="pattern-page-close">
          ← Back to the diff
        </button>
        <h2 id="pattern-title">{e.title}</h2>
        <code className="muted">{id}</code>
      </header>
      <p className="pattern-summary">
        <RichText text={e.summary} />
      </p>
      <p className="pattern-meta muted">
        Read from {rule.kinds.join(', ')} profiles ({rule.sampleTypes.join(', ')}). Go versions: {e.goVersions}
      </p>

      <section>
        <h3>1. What leaks</h3>
        {e.whatLeaks.map((t, i) => (
          <p key={i}>
            <RichText text={t} />
          </p>
        ))}
      </section>

      <section>
        <h3>2. How it looks in a heap profile and in a goroutine profile</h3>
        <h4>Heap profile</h4>
        {e.heapProfile.map((t, i) => (
          <p key={i}>
            <RichText text={t} />
          </p>
        ))}
        <h4>Goroutine profile</h4>
        {e.goroutineProfile.map((t, i) => (
          <p key={i}>
            <RichText text={t} />
          </p>
        ))}
        <div className="pattern-frames">
          <span className="muted">Frames to look for, outermost first: </span>
          {e.frames.map((f, i) => (
            <span key={i}>
              {i > 0 ? ' → ' : ''}
              <code>{f}</code>
            </span>
          ))}
        </div>
        <table className="pattern-types">
          <thead>
            <tr>
              <th>Sample type</th>
              <th>Grows?</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {e.sampleTypes.map((t) => (
              <tr key={t.sampleType}>
                <td>
                  <code>{t.sampleType}</code>
                </td>
                <td>{t.grows}</td>
                <td>{t.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <h3>3. A minimal leaking program and its fix</h3>
        <div className="pattern-code">
          <figure>
            <figcaption>Leaks</figcaption>
            <pre data-testid="pattern-leaking-code">{e.leaking}</pre>
          </figure>
          <figure>
            <figcaption>Fixed</figcaption>
            <pre data-testid="pattern-fixed-code">{e.fixed}</pre>
          </figure>
        </div>
        <p>
          <RichText text={e.fixNote} />
        </p>
      </section>

      <section>
        <h3>4. How to confirm the fix</h3>
        <ol>
          {e.confirm.map((t, i) => (
            <li key={i}>
              <RichText text={t} />
            </li>
          ))}
        </ol>
      </section>

      <section>
        <h3>5. Related patterns</h3>
        <ul>
          {e.related.map((r) => (
            <li key={r}>
              <PatternLink id={r} testId="related-pattern-link">
                {EXPLANATIONS[r].title}
              </PatternLink>{' '}
              — <RichText text={EXPLANATIONS[r].summary} />
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

/** Shows the pattern page over the app while the route is `#/patterns/<id>`. */
export function PatternPageHost() {
  const id = useAppStore((s) => (s.route.kind === 'pattern' ? s.route.id : null));
  if (id === null || !isPatternId(id)) return null;
  return (
    <div className="pattern-overlay">
      <PatternPage id={id} />
    </div>
  );
}
