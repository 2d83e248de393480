// Hard limits on untrusted input. Each is far above what real Go profiles need (the largest we have
// measured: 35 MB raw, 575k samples, depth 120) and is listed in the README.

export const decodeLimits = {
  /** Inflated size of a gzipped profile: stops gzip bombs. */
  maxInflatedBytes: 512 * 1024 * 1024,
  maxSamples: 5_000_000,
  maxStackDepth: 4096,
  maxFrames: 4_000_000,
  /**
   * Frames of a protobuf profile's distinct call paths, in all, per byte of the inflated profile (real ones
   * have under 0.5: the bench's large profile, 10.7M frames in 36 MB). A location with many inlined frames
   * costs a sample one byte to repeat, so without a bound a 1 MB file could ask for gigabytes.
   */
  maxPathFramesPerByte: 4,
} as const;

/** The most call-path frames a protobuf profile of `rawBytes` inflated bytes may hold (see maxPathFramesPerByte). */
export function pathFrameLimit(rawBytes: number): number {
  return decodeLimits.maxPathFramesPerByte * rawBytes + (1 << 20);
}
