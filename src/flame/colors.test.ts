import { describe, expect, it } from 'vitest';
import { changeIntensity, diffColor, diffRgb, goPackage, labelColorOn, NEUTRAL, packageRgb, parseRgb } from './colors.ts';
import { flameTreeFromStackValues } from './fromStackValues.ts';
import { loadDiff } from './testing/realProfiles.ts';
import { extractVisibleTree } from './visibleTree.ts';

describe('diff colours', () => {
  it('draws growth red-dominant and shrinkage blue-dominant at every intensity, and no change neutral grey', () => {
    for (const t of [1e-6, 0.001, 0.01, 0.1, 0.5, 1]) {
      const [r, g, b] = diffRgb(t * 1000, 1000);
      expect(r).toBeGreaterThan(g + 20);
      expect(r).toBeGreaterThan(b + 20);
      const [r2, g2, b2] = diffRgb(-t * 1000, 1000);
      expect(b2).toBeGreaterThan(r2 + 20);
      expect(b2).toBeGreaterThan(g2 + 20);
    }
    expect(diffRgb(0, 1000)).toEqual(NEUTRAL);
    expect(diffRgb(5, 0)).toEqual(NEUTRAL);
  });

  it('grows more intense with the size of the change relative to the largest change in view', () => {
    const levels = [1, 10, 100, 500, 1000].map((d) => changeIntensity(d, 1000));
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeGreaterThan(levels[i - 1]);
    expect(changeIntensity(1000, 1000)).toBe(1);
    expect(changeIntensity(-1000, 1000)).toBe(1);
    // The same change is fainter when a larger one is in view.
    expect(changeIntensity(100, 10_000)).toBeLessThan(changeIntensity(100, 1_000));
    expect(parseRgb(diffColor(1000, 1000))).toEqual(diffRgb(1000, 1000));
  });

  it('on the context-leak diff, the frame with the largest change is the darkest red', () => {
    const tree = flameTreeFromStackValues(loadDiff('context-leak'));
    const { root, stats } = extractVisibleTree(tree, { rootId: 0, widthMode: 'diff', pixelWidth: 1200 });
    expect(stats.maxAbsDelta).toBe(Math.abs(root.delta));
    expect(diffRgb(root.delta, stats.maxAbsDelta)).toEqual(diffRgb(1, 1));
  });

  it('reads back the colour forms our code and stylesheet write (the sliver canvas paints from them)', () => {
    expect(parseRgb(' #c800C8')).toEqual([200, 0, 200]);
    expect(parseRgb('#fff')).toEqual([255, 255, 255]);
    expect(parseRgb('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3]);
    expect(parseRgb('var(--x)')).toBeNull();
  });

  it('puts dark text on light fills and light text on dark ones', () => {
    expect(labelColorOn(diffRgb(1, 1))).toBe('#fff');
    expect(labelColorOn(diffRgb(-1, 1))).toBe('#fff');
    expect(labelColorOn(diffRgb(1, 1000))).toBe('#111');
    expect(labelColorOn(NEUTRAL)).toBe('#111');
  });
});

describe('single-profile colours', () => {
  it('gives every function of one Go package the same warm colour', () => {
    expect(goPackage('net/http.(*conn).serve')).toBe('net/http');
    expect(goPackage('main.glob..func1')).toBe('main');
    expect(goPackage('github.com/acme/svc/internal/cache.(*LRU).Add')).toBe('github.com/acme/svc/internal/cache');
    expect(packageRgb('net/http.(*conn).serve')).toEqual(packageRgb('net/http.(*Transport).dialConn'));
    for (const name of ['main.main', 'runtime.malg', 'time.NewTimer', 'net/http.(*conn).serve']) {
      const [r, g, b] = packageRgb(name);
      expect(r).toBeGreaterThanOrEqual(g);
      expect(g).toBeGreaterThan(b);
    }
  });
});
