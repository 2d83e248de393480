// Undoes heap-profile sampling exactly as pprof does for heapz v2 (profile/legacy_profile.go
// scaleHeapSample, the same function the Go runtime uses when writing the proto): a sample of average
// size S taken at rate R had probability 1-exp(-S/R) of being recorded, so count and size are divided
// by it, then truncated toward zero like Go's int64(float64).
// e.g. 1 object of 2048 B at R=524288: scale = 1/(1-exp(-2048/524288)) ≈ 256.5 -> 256 objects, 525312 B.

export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  // rate 1: every allocation was recorded; rate 0 (or below): unknown, leave the values as they are.
  if (rate <= 1) return [count, size];
  const avgSize = size / count;
  const x = avgSize / rate;
  // pprof's 1 - exp(-x) rounds to 0 when x < ~1e-16 (a tiny object at an absurd rate) and the scale to
  // +Inf; -expm1(-x) is the same quantity without that cancellation. Elsewhere keep pprof's exact rounding.
  const denominator = 1 - Math.exp(-x);
  const scale = 1 / (denominator > 0 ? denominator : -Math.expm1(-x));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}
