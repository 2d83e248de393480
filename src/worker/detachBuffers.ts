// Frees typed-array memory at once, whoever still holds a reference: a detached buffer reads as empty.
// For a view's flame tree that the page no longer shows but React still holds (see ComputeClient.release).

/** Detaches each buffer (its memory is freed; views on it then have length 0). Empty or detached ones are skipped. */
export function detachBuffers(buffers: Iterable<ArrayBuffer>): void {
  for (const buffer of buffers) {
    if (buffer.byteLength === 0) continue;
    const transfer = (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer;
    if (typeof transfer === 'function') transfer.call(buffer, 0);
    else structuredClone(buffer, { transfer: [buffer] });
  }
}
