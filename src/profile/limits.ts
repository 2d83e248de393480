// Hard limits on untrusted input. Each is far above what real Go profiles need (the largest we have
// measured: 35 MB raw, 575k samples, depth 120) and is listed in the README.

export const decodeLimits = {
  /** Inflated size of a gzipped profile: stops gzip bombs. */
  maxInflatedBytes: 512 * 1024 * 1024,
  maxSamples: 5_000_000,
  maxStackDepth: 4096,
  maxFrames: 4_000_000,
} as const;
