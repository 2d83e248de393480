// A call tree as readable lines for tests and debugging (the Firefox Profiler's formatTree):
// '- main (base 1, new 3, Δ +2)' with children indented, biggest combined total first.
import { childrenOf, nodeName, type CallTree } from './callTree.ts';

function signed(v: number): string {
  return v < 0 ? `\u2212${-v}` : `+${v}`;
}

export function formatTree(tree: CallTree): string[] {
  const lines: string[] = [];
  const order = (ids: Int32Array): number[] =>
    Array.from(ids).sort((a, b) => {
      const wa = tree.totalBase[a] + tree.totalNew[a];
      const wb = tree.totalBase[b] + tree.totalNew[b];
      return wb - wa || (nodeName(tree, a) < nodeName(tree, b) ? -1 : 1);
    });
  const visit = (node: number, depth: number): void => {
    const base = tree.totalBase[node];
    const next = tree.totalNew[node];
    const detail = tree.values.hasBase ? `base ${base}, new ${next}, \u0394 ${signed(next - base)}` : `${next}`;
    lines.push(`${'  '.repeat(depth)}- ${nodeName(tree, node)} (${detail})`);
    for (const child of order(childrenOf(tree, node))) visit(child, depth + 1);
  };
  for (const root of order(tree.roots)) visit(root, 0);
  return lines;
}
