import { describe, expect, it } from 'vitest';
import { ellipsizeLeft, labelForWidth } from './labels.ts';

describe('frame labels', () => {
  it('keeps a name that fits', () => {
    expect(ellipsizeLeft('main.main', 9)).toBe('main.main');
  });

  it('cuts the package path from the left at a slash so the method name stays readable', () => {
    expect(ellipsizeLeft('net/http.(*conn).serve', 21)).toBe('…/http.(*conn).serve');
    expect(ellipsizeLeft('github.com/acme/svc/internal/cache.(*LRU).Add', 30)).toBe('…/internal/cache.(*LRU).Add');
  });

  it('cuts characters from the left when no package boundary fits', () => {
    expect(ellipsizeLeft('net/http.(*conn).serve', 10)).toBe('…nn).serve');
    expect(ellipsizeLeft('main.glob..func2', 8)).toBe('…..func2');
    expect(ellipsizeLeft('runtime.doInit', 1)).toBe('');
  });

  it('leaves frames narrower than d3-flame-graph shows labels for blank, and fits the rest to the pixel width', () => {
    expect(labelForWidth('time.NewTimer', 34, 7.2)).toBe('');
    const label = labelForWidth('net/http.(*conn).serve', 160, 7.2);
    expect(label).toBe('…/http.(*conn).serve');
    expect(label.length * 7.2).toBeLessThanOrEqual(160 - 8);
  });
});
