// Builds small profiles from Firefox-Profiler-style text: one column per sample, root on top, an
// optional last row of numbers giving each sample's value (1 when absent). For tests only:
//   main      main     main
//   leak      work
//   3         1        2
import { ProfileBuilder } from '../../profile/builder.ts';
import type { Profile, ProfileKind, ValueType } from '../../profile/model.ts';

export interface TextSamplesOptions {
  readonly fileName?: string;
  readonly kind?: ProfileKind;
  readonly sampleType?: ValueType;
  readonly period?: number;
}

/** Splits the text into columns by the character positions of the first row's tokens. */
function columnsOf(text: string): string[][] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const starts: number[] = [];
  for (const m of lines[0].matchAll(/\S+/g)) starts.push(m.index ?? 0);
  const columns: string[][] = starts.map(() => []);
  for (const line of lines) {
    for (const m of line.matchAll(/\S+/g)) {
      const at = m.index ?? 0;
      let c = 0;
      while (c + 1 < starts.length && starts[c + 1] <= at) c++;
      columns[c].push(m[0]);
    }
  }
  return columns;
}

export function profileFromTextSamples(text: string, options: TextSamplesOptions = {}): Profile {
  const fileName = options.fileName ?? 'fixture.pb.gz';
  const sampleType = options.sampleType ?? { type: 'inuse_space', unit: 'bytes' };
  const builder = new ProfileBuilder(fileName, 1);
  for (const column of columnsOf(text)) {
    const last = column[column.length - 1];
    const weighted = column.length > 0 && /^-?[0-9.]+$/.test(last);
    const frames = weighted ? column.slice(0, -1) : column;
    const value = weighted ? Number(last) : 1;
    // A frame may name its file as "name@file"; the default file is "main.go".
    const ids = frames.map((f) => {
      const [name, file] = f.split('@');
      return builder.internFrame(name, file ?? 'main.go', 0);
    });
    builder.addSample(builder.addPath(ids, ids.length), [value]);
  }
  const kind = options.kind ?? 'heap';
  return builder.build({
    fileName,
    format: 'pprof',
    kind,
    byteSize: text.length,
    sampleTypes: [sampleType],
    defaultSampleType: 0,
    periodType: kind === 'heap' ? { type: 'space', unit: 'bytes' } : null,
    period: options.period ?? 524288,
    timeMs: 0,
    durationNanos: 0,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    mappings: [],
    memStats: null,
  });
}
