// Plain-text tables for the human output: right-aligned numbers, left-aligned names.

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], leftAligned: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (leftAligned.has(i) ? (i === cells.length - 1 ? c : c.padEnd(widths[i])) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
