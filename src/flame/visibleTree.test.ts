import { describe, expect, it } from 'vitest';
import { flameTreeFromNodes, widthArray, type FlameInputNode, type FlameTree, type WidthMode } from './flameTree.ts';
import { flameTreeFromStackValues } from './fromStackValues.ts';
import { HEAP_SCENARIOS, loadDiff, loadSingle } from './testing/realProfiles.ts';
import { syntheticStackValues } from './testing/syntheticStackValues.ts';
import { extractVisibleTree, type VisibleFrame } from './visibleTree.ts';

function formatVisible(frame: VisibleFrame, indent = ''): string[] {
  const own = `${indent}- ${frame.name} (${frame.px.toFixed(0)} px, Δ ${frame.delta >= 0 ? '+' : ''}${frame.delta})`;
  return [own, ...frame.children.flatMap((c) => formatVisible(c, `${indent}  `))];
}

function frames(root: VisibleFrame): VisibleFrame[] {
  const out: VisibleFrame[] = [];
  const pending = [root];
  while (pending.length) {
    const f = pending.pop()!;
    out.push(f);
    pending.push(...f.children);
  }
  return out;
}

/** Nodes a pixel or wider whose ancestors (up to the view root) are all a pixel or wider too. */
function expectedDrawn(tree: FlameTree<unknown>, rootId: number, mode: WidthMode, px: number): Set<number> {
  const width = widthArray(tree, mode);
  const scale = px / width[rootId];
  const drawn = new Set<number>([rootId]);
  const pending = [rootId];
  while (pending.length) {
    const p = pending.pop()!;
    for (let k = tree.childStart[p]; k < tree.childStart[p + 1]; k++) {
      const c = tree.childIds[k];
      if (width[c] * scale >= 1) {
        drawn.add(c);
        pending.push(c);
      }
    }
  }
  return drawn;
}

function leaf(name: string, base: number, next: number): FlameInputNode {
  return { name, selfBase: base, selfNew: next, children: [] };
}

describe('extractVisibleTree on real profiles', () => {
  for (const scenario of HEAP_SCENARIOS) {
    for (const mode of ['diff', 'new', 'base'] as const) {
      it(`${scenario} (${mode}): draws exactly the frames at least a pixel wide and accounts for every other frame`, () => {
        const tree = flameTreeFromStackValues(loadDiff(scenario));
        for (const px of [300, 1200]) {
          const { root, stats } = extractVisibleTree(tree, { rootId: 0, widthMode: mode, pixelWidth: px });
          const drawn = frames(root).filter((f) => f.kind === 'frame');
          expect(new Set(drawn.map((f) => f.id))).toEqual(expectedDrawn(tree, 0, mode, px));
          expect(stats.drawn).toBe(drawn.length);
          expect(stats.drawn + stats.merged + stats.zeroWidth).toBe(tree.size);
          expect(stats.totalFrames).toBe(tree.size);
        }
      });
    }
  }

  it('a "+N smaller frames" box carries the summed values of exactly the narrow children of its parent', () => {
    const tree = flameTreeFromStackValues(loadDiff('context-leak'));
    const width = widthArray(tree, 'diff');
    const { root, stats } = extractVisibleTree(tree, { rootId: 0, widthMode: 'diff', pixelWidth: 800 });
    const scale = 800 / width[0];
    const boxes = frames(root).filter((f) => f.kind === 'merged');
    expect(boxes.length).toBeGreaterThan(0);
    let hidden = 0;
    for (const box of boxes) {
      let base = 0;
      let next = 0;
      let count = 0;
      let value = 0;
      for (let k = tree.childStart[box.id]; k < tree.childStart[box.id + 1]; k++) {
        const c = tree.childIds[k];
        if (width[c] > 0 && width[c] * scale < 1) {
          base += tree.totalBase[c];
          next += tree.totalNew[c];
          value += width[c];
          count++;
        }
      }
      expect(box.mergedChildren).toBe(count);
      expect(box.name).toBe(count === 1 ? '+1 smaller frame' : `+${count.toLocaleString('en-US')} smaller frames`);
      expect(box.base).toBe(base);
      expect(box.next).toBe(next);
      expect(box.delta).toBe(next - base);
      hidden += value;
    }
    expect(stats.hiddenValue).toBeGreaterThanOrEqual(hidden);
    expect(stats.hiddenShare).toBeCloseTo(stats.hiddenValue / width[0], 12);
  });

  it('children never overflow their parent, boxes widened to a pixel included', () => {
    for (const scenario of HEAP_SCENARIOS) {
      const tree = flameTreeFromStackValues(loadDiff(scenario));
      const { root } = extractVisibleTree(tree, { rootId: 0, widthMode: 'diff', pixelWidth: 1000 });
      for (const f of frames(root)) {
        const sum = f.children.reduce((s, c) => s + c.value, 0);
        expect(sum).toBeLessThanOrEqual(f.value * (1 + 1e-9));
        if (f.kind === 'merged') expect(f.px).toBeGreaterThanOrEqual(1 - 1e-9);
      }
    }
  });

  it('zooming re-roots at a frame: it is drawn full width and only its subtree is counted', () => {
    const tree = flameTreeFromStackValues(loadDiff('timer-leak'));
    const pollLoop = tree.frameName.indexOf('main.pollLoop');
    const node = Array.from(tree.frameId).indexOf(pollLoop);
    const { root, stats } = extractVisibleTree(tree, { rootId: node, widthMode: 'diff', pixelWidth: 1000 });
    expect(root.name).toBe('main.pollLoop');
    expect(root.px).toBeCloseTo(1000, 9);
    expect(stats.totalFrames).toBe(tree.subtreeSize[node]);
    expect(new Set(frames(root).filter((f) => f.kind === 'frame').map((f) => f.id))).toEqual(expectedDrawn(tree, node, 'diff', 1000));
  });

  it('shows the timer leak as a chain of growth down to time.NewTimer with pprof\'s delta', () => {
    const tree = flameTreeFromStackValues(loadDiff('timer-leak'));
    const { root } = extractVisibleTree(tree, { rootId: 0, widthMode: 'diff', pixelWidth: 1200 });
    const lines = formatVisible(root);
    // go tool pprof -diff_base heap_1 heap_3: time.NewTimer cum +8352256 (expected/exact/diff_inuse_space_1_3.json)
    expect(lines).toContain('          - time.NewTimer (1073 px, Δ +8352256)');
    expect(lines[0]).toMatch(/^- root \(1200 px, Δ \+\d+\)$/);
  });

  it('one profile alone is drawn by its own values', () => {
    const tree = flameTreeFromStackValues(loadSingle('map-cache', 'heap_3.pb.gz', 'inuse_space'));
    expect(tree.differential).toBe(false);
    const { root } = extractVisibleTree(tree, { rootId: 0, widthMode: 'diff', pixelWidth: 1000 });
    expect(root.value).toBe(tree.totalNew[0]);
    expect(root.base).toBe(0);
  });

  it('a 150k-stack tree is cut by visiting only the children of drawn frames', () => {
    const tree = flameTreeFromStackValues(syntheticStackValues({ stacks: 150_000 }));
    const { root, stats } = extractVisibleTree(tree, { rootId: 0, widthMode: 'diff', pixelWidth: 1400 });
    const all = frames(root);
    const visitedChildren = all.filter((f) => f.kind === 'frame').reduce((s, f) => s + tree.childStart[f.id + 1] - tree.childStart[f.id], 0);
    // Everything else was accounted for by subtree sizes without being walked.
    expect(visitedChildren).toBeLessThan(tree.size / 10);
    expect(stats.drawn + stats.merged + stats.zeroWidth).toBe(tree.size);
  });
});

describe('extractVisibleTree on a hand-made tree', () => {
  // Real profiles do not have a parent with a controlled mix of wide and sub-pixel children.
  const small = Array.from({ length: 5 }, (_, i) => leaf(`pkg.small${i}`, 1, 2));
  const root: FlameInputNode = {
    name: 'root',
    selfBase: 0,
    selfNew: 0,
    children: [
      { name: 'main.main', selfBase: 0, selfNew: 0, children: [leaf('main.b', 300, 100), leaf('main.a', 0, 600), ...small] },
    ],
  };
  const tree = flameTreeFromNodes(root, true);

  it('merges the narrow children into one box after the others, which are sorted by name', () => {
    const { root: drawn, stats } = extractVisibleTree(tree, { rootId: 0, widthMode: 'diff', pixelWidth: 100 });
    expect(formatVisible(drawn)).toEqual([
      '- root (100 px, Δ +405)',
      '  - main.main (100 px, Δ +405)',
      '    - main.a (59 px, Δ +600)',
      '    - main.b (39 px, Δ -200)',
      '    - +5 smaller frames (1 px, Δ +5)',
    ]);
    expect(drawn.children[0].children[0].isNew).toBe(true);
    expect(stats).toMatchObject({ drawn: 4, mergedBoxes: 1, merged: 5, zeroWidth: 0, hiddenValue: 15 });
  });

  it('draws every child once the parent is wide enough', () => {
    const { stats } = extractVisibleTree(tree, { rootId: 0, widthMode: 'diff', pixelWidth: 10_000 });
    expect(stats).toMatchObject({ drawn: 9, mergedBoxes: 0, merged: 0 });
  });

  it('gives frames without value in the width mode no width and counts them apart', () => {
    const { stats, root: drawn } = extractVisibleTree(tree, { rootId: 0, widthMode: 'base', pixelWidth: 1000 });
    expect(frames(drawn).some((f) => f.name === 'main.a')).toBe(false);
    expect(stats.zeroWidth).toBe(1);
  });
});
