// Line access for the legacy text parsers: 1-based line numbers for error messages, CRLF tolerated.

export interface TextLines {
  readonly count: number;
  /** Line `n` (1-based) without its line ending. */
  at(n: number): string;
}

export function splitLines(text: string): TextLines {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length > 0) lines[0] = lines[0].replace(/^\uFEFF/, '');
  return {
    count: lines.length,
    at: (n: number) => {
      const line = lines[n - 1];
      return line.endsWith('\r') ? line.slice(0, -1) : line;
    },
  };
}

/** Shortens a line for an error message so a binary blob does not flood the UI. */
export function quoteLine(line: string): string {
  const clean = line.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > 80 ? `"${clean.slice(0, 80)}…"` : `"${clean}"`;
}
