import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../diff/diffProfiles.ts';
import { profileStackValues } from '../diff/stackValues.ts';
import { profileFromTextSamples } from '../diff/testing/textSamples.ts';
import { buildCallTree, nodePath, nodeWidths, rootWidth } from './callTree.ts';
import { formatTree } from './formatTree.ts';
import { functionTable } from './functions.ts';
import { compileMatcher, escapeRegex, type FrameMatcher } from './matchers.ts';
import { searchTree } from './search.ts';
import { collapseRecursion, focusStacks, hideFrames, ignoreStacks } from './transforms.ts';

// Hand-made fixtures: each shows one rule of the tree on stacks small enough to read whole.

function matcher(pattern: string, mode: 'regex' | 'substring' = 'regex'): FrameMatcher {
  const m = compileMatcher(pattern, mode);
  if (!m.ok) throw new Error(m.error);
  return m.matcher;
}

const base = profileFromTextSamples(
  `
  main     main     main
  serve    serve    gc
  read     handle
  2        3        4
  `,
  { fileName: 'base.pb.gz' },
);
const next = profileFromTextSamples(
  `
  main     main     main
  serve    serve    leak
  read     handle
  2        10       6
  `,
  { fileName: 'new.pb.gz' },
);
const diff = diffProfiles(base, next);

describe('call tree', () => {
  it('carries base, new and delta on every node', () => {
    expect(formatTree(buildCallTree(diff))).toEqual([
      '- main (base 9, new 18, \u0394 +9)',
      '  - serve (base 5, new 12, \u0394 +7)',
      '    - handle (base 3, new 10, \u0394 +7)',
      '    - read (base 2, new 2, \u0394 +0)',
      '  - leak (base 0, new 6, \u0394 +6)',
      '  - gc (base 4, new 0, \u0394 \u22124)',
    ]);
  });

  it('shows one profile with plain totals', () => {
    expect(formatTree(buildCallTree(profileStackValues(next)))).toEqual([
      '- main (18)',
      '  - serve (12)',
      '    - handle (10)',
      '    - read (2)',
      '  - leak (6)',
    ]);
  });

  it('gives widths: base + new for diff (vanished stacks stay visible), one side otherwise', () => {
    const tree = buildCallTree(diff);
    const gc = Array.from({ length: diff.stacks.length }, (_, i) => i).find((i) => nodePath(tree, i).join(';') === 'main;gc')!;
    expect(nodeWidths(tree, 'diff')[gc]).toBe(4);
    expect(nodeWidths(tree, 'new')[gc]).toBe(0);
    expect(nodeWidths(tree, 'base')[gc]).toBe(4);
    expect(rootWidth(tree, nodeWidths(tree, 'diff'))).toBe(27);
  });
});

describe('function table', () => {
  it('charges flat to the leaf and cum once per stack under recursion', () => {
    // a;b;a 1 + a;b 2 -> a: cum 3 (not 4), flat 1; b: cum 3, flat 2
    const values = profileStackValues(
      profileFromTextSamples(`
      a   a
      b   b
      a
      1   2
      `),
    );
    const rows = Object.fromEntries(functionTable(values).map((r) => [r.name, [r.flatNew, r.cumNew]]));
    expect(rows).toEqual({ a: [1, 3], b: [2, 3] });
  });

  it('identifies a function by name even when frames differ by file', () => {
    const values = profileStackValues(profileFromTextSamples('main@a.go  main@b.go\n1          2'));
    expect(functionTable(values)).toMatchObject([{ name: 'main', flatNew: 3, cumNew: 3 }]);
  });

  it('has base and new for a diff', () => {
    const rows = Object.fromEntries(functionTable(diff).map((r) => [r.name, [r.flatBase, r.flatNew, r.cumBase, r.cumNew]]));
    expect(rows).toEqual({ main: [0, 0, 9, 18], serve: [0, 0, 5, 12], read: [2, 2, 2, 2], handle: [3, 10, 3, 10], gc: [4, 0, 4, 0], leak: [0, 6, 0, 6] });
  });
});

describe('transforms', () => {
  it('focus re-rooted keeps stacks through the frame, starting there', () => {
    const focused = focusStacks(diff, matcher('serve'), { reroot: true });
    expect(formatTree(buildCallTree(focused))).toEqual([
      '- serve (base 5, new 12, \u0394 +7)',
      '  - handle (base 3, new 10, \u0394 +7)',
      '  - read (base 2, new 2, \u0394 +0)',
    ]);
    expect([focused.totalBase, focused.totalNew]).toEqual([5, 12]);
  });

  it('focus as pprof keeps the callers', () => {
    expect(formatTree(buildCallTree(focusStacks(diff, matcher('^handle$'))))).toEqual([
      '- main (base 3, new 10, \u0394 +7)',
      '  - serve (base 3, new 10, \u0394 +7)',
      '    - handle (base 3, new 10, \u0394 +7)',
    ]);
  });

  it('focus re-roots at the outermost match under recursion', () => {
    const values = profileStackValues(profileFromTextSamples('main\nwalk\nwalk\nvisit\n5'));
    expect(formatTree(buildCallTree(focusStacks(values, matcher('walk'), { reroot: true })))).toEqual([
      '- walk (5)',
      '  - walk (5)',
      '    - visit (5)',
    ]);
  });

  it('ignore drops stacks through the frame and their value from the totals', () => {
    const ignored = ignoreStacks(diff, matcher('serve'));
    expect(formatTree(buildCallTree(ignored))).toEqual([
      '- main (base 4, new 6, \u0394 +2)',
      '  - leak (base 0, new 6, \u0394 +6)',
      '  - gc (base 4, new 0, \u0394 \u22124)',
    ]);
    expect([ignored.totalBase, ignored.totalNew]).toEqual([4, 6]);
  });

  it('hide removes frames and gives their children to the caller', () => {
    const hidden = hideFrames(diff, matcher('serve'));
    expect(formatTree(buildCallTree(hidden))).toEqual([
      '- main (base 9, new 18, \u0394 +9)',
      '  - handle (base 3, new 10, \u0394 +7)',
      '  - leak (base 0, new 6, \u0394 +6)',
      '  - gc (base 4, new 0, \u0394 \u22124)',
      '  - read (base 2, new 2, \u0394 +0)',
    ]);
    expect([hidden.totalBase, hidden.totalNew]).toEqual([9, 18]);
  });

  it('hide drops a stack whose frames are all hidden, value and all, as pprof does', () => {
    const values = profileStackValues(profileFromTextSamples('gc    main\n      work\n4     3'));
    const hidden = hideFrames(values, matcher('^gc$'));
    expect(formatTree(buildCallTree(hidden))).toEqual(['- main (3)', '  - work (3)']);
    expect(hidden.totalNew).toBe(3);
  });

  it('hide merges stacks that become equal', () => {
    const values = profileStackValues(profileFromTextSamples('main  main\nwrap  other\nwork  work\n1     2'));
    expect(formatTree(buildCallTree(hideFrames(values, matcher('^(wrap|other)$'))))).toEqual(['- main (3)', '  - work (3)']);
  });

  it('collapses direct recursion', () => {
    const values = profileStackValues(profileFromTextSamples('main  main\nwalk  walk\nwalk  visit\nwalk\nvisit\n1     2'));
    expect(formatTree(buildCallTree(collapseRecursion(values)))).toEqual(['- main (3)', '  - walk (3)', '    - visit (3)']);
  });

  it('collapses indirect recursion only when asked', () => {
    const values = profileStackValues(profileFromTextSamples('main\nwalk\nvisit\nwalk\nleaf\n4'));
    expect(formatTree(buildCallTree(collapseRecursion(values)))).toEqual([
      '- main (4)',
      '  - walk (4)',
      '    - visit (4)',
      '      - walk (4)',
      '        - leaf (4)',
    ]);
    // the inner walk's callees move under the outer walk; visit is left with nothing and goes
    expect(formatTree(buildCallTree(collapseRecursion(values, { indirect: true })))).toEqual([
      '- main (4)',
      '  - walk (4)',
      '    - leaf (4)',
    ]);
  });

  it('leaves its input untouched', () => {
    const before = formatTree(buildCallTree(diff));
    focusStacks(diff, matcher('serve'), { reroot: true });
    hideFrames(diff, matcher('serve'));
    collapseRecursion(diff, { indirect: true });
    expect(formatTree(buildCallTree(diff))).toEqual(before);
  });
});

describe('matchers', () => {
  it('turn a bad regex into an error value the UI can show', () => {
    const m = compileMatcher('(*Server).handle');
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.error).toContain('not a valid regular expression');
  });

  it('match Go names as plain text, or escaped as regex', () => {
    const values = profileStackValues(
      profileFromTextSamples(`
      main                        main
      net/http.(*Server).handle   main.glob..func2
      1                           2
      `),
    );
    const tree = buildCallTree(values);
    expect(searchTree(tree, matcher('(*Server).handle', 'substring')).matchedNew).toBe(1);
    expect(searchTree(tree, matcher(escapeRegex('(*Server).handle'))).matchedNew).toBe(1);
    expect(searchTree(tree, matcher('main.glob..func2', 'substring')).matchedNew).toBe(2);
    // as a regex, the dots of main.glob..func2 match anything, as in pprof
    expect(searchTree(tree, matcher('main.glob..func2')).matchedNew).toBe(2);
  });

  it('match the file too, as pprof does', () => {
    const values = profileStackValues(
      profileFromTextSamples(`
      main@/src/app/main.go    main@/src/app/main.go
      read@/go/src/io/io.go    work@/src/app/work.go
      1                        2
      `),
    );
    expect(searchTree(buildCallTree(values), matcher('io\\.go$')).matchedNew).toBe(1);
  });

  it("in 'auto' mode use a valid regex as one and anything else as plain text", () => {
    const m = compileMatcher('(*Server).handle', 'auto');
    expect(m.ok && m.matcher.test('net/http.(*Server).handle', '')).toBe(true);
    const re = compileMatcher('^main\\.', 'auto');
    expect(re.ok && re.matcher.test('main.run', '') && !re.matcher.test('xmain.run', '')).toBe(true);
  });

  it('support (?i) as in Go', () => {
    expect(matcher('(?i)SERVE').test('serve', '')).toBe(true);
  });
});

describe('search', () => {
  it('returns every matching node and counts nested matches once', () => {
    const values = profileStackValues(profileFromTextSamples('a     a\nb     c\na\n5     1'));
    const result = searchTree(buildCallTree(values), matcher('^a$'));
    expect(result.nodes.length).toBe(2);
    expect(result.matchedNew).toBe(6);
  });

  it('gives base and new totals of the matches in a diff', () => {
    const result = searchTree(buildCallTree(diff), matcher('handle|gc'));
    expect([result.matchedBase, result.matchedNew]).toEqual([7, 10]);
  });
});
