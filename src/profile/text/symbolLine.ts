// The symbolized `#` comment lines Go writes under each record of a debug=1 heap or goroutine profile:
//   #\t0x4b616c\tmain.lookup+0x16c\tprofilegen/map-cache/main.go:24
// Inlined calls show as several lines for one address, innermost first (the order runtime.CallersFrames
// yields), so taking the lines in order gives the stack leaf first, inlined frames included.

export interface SymbolFrame {
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

const FRAME_START = /^#\t+0x[0-9a-fA-F]+/;

export function isSymbolLine(line: string): boolean {
  return FRAME_START.test(line);
}

/** Parses a `#\t0x...` line; null when it is malformed. A line with only an address (no symbol) names the frame by it. */
export function parseSymbolLine(line: string): SymbolFrame | null {
  const parts = line.slice(1).split('\t').filter((p) => p !== '');
  if (parts.length === 0 || !/^0x[0-9a-fA-F]+$/.test(parts[0])) return null;
  if (parts.length === 1) return { name: parts[0].toLowerCase(), file: '', line: 0 };
  const name = parts[1].replace(/\+0x[0-9a-fA-F]+$/, '');
  if (parts.length === 2) return { name, file: '', line: 0 };
  const location = parts.slice(2).join('\t');
  const colon = location.lastIndexOf(':');
  const lineNumber = colon >= 0 ? Number(location.slice(colon + 1)) : NaN;
  if (colon < 0 || !Number.isInteger(lineNumber) || lineNumber < 0) return { name, file: location, line: 0 };
  return { name, file: location.slice(0, colon), line: lineNumber };
}
