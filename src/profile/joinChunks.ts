// One byte array from the chunks a stream or an inflater produced (the only chunk itself when there is one).

export function joinChunks(chunks: readonly Uint8Array[], total: number = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
