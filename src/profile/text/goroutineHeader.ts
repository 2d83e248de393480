// Header fields shared by both text goroutine forms: the model of Go's goroutine proto
// (sample type and period type goroutine/count, period 1).
import type { ProfileHeader } from '../builder.ts';
import type { ValueType } from '../model.ts';

const GOROUTINE_COUNT: ValueType = { type: 'goroutine', unit: 'count' };

export function goroutineProfileHeader(fileName: string, byteSize: number): ProfileHeader {
  return {
    fileName,
    format: 'goroutine-text',
    kind: 'goroutine',
    byteSize,
    sampleTypes: [GOROUTINE_COUNT],
    defaultSampleType: 0,
    periodType: GOROUTINE_COUNT,
    period: 1,
    timeMs: 0,
    durationNanos: 0,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    mappings: [],
    memStats: null,
  };
}
