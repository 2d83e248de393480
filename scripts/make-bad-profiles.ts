// Writes the hand-made bad inputs the robustness tests load, each derived from a real profile:
//   testdata/malformed/  empty, truncated and corrupt files (one failure each)
//   testdata/malicious/  a heap profile pair whose function and file names are HTML/JS payloads
// Deterministic: re-running gives the same bytes. Usage: npx tsx scripts/make-bad-profiles.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzip, ungzip } from 'pako';
import { Profile as PprofProfile } from 'pprof-format';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'public/examples');
const malformed = path.join(root, 'testdata/malformed');
const malicious = path.join(root, 'testdata/malicious');
mkdirSync(malformed, { recursive: true });
mkdirSync(malicious, { recursive: true });

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(examples, name)));

/** xorshift32: the same "random" bytes on every run. */
function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

// gzip -n style output: no timestamp or name in the header, so the bytes are stable.
const gz = (data: Uint8Array): Uint8Array => gzip(data, { level: 9 });

const heapGz = read('heap_3.pb.gz');
const heapRaw = ungzip(heapGz);

const files: Record<string, Uint8Array> = {
  // What curl leaves behind when the endpoint is down.
  'empty.pb.gz': new Uint8Array(),
  // A download cut off halfway.
  'truncated.pb.gz': heapGz.subarray(0, Math.floor(heapGz.length / 2)),
  // Valid gzip around bytes that are not a profile.
  'garbage.gz': gz(pseudoRandomBytes(4096, 0x5eed)),
  // An ungzipped profile cut in the middle of a message.
  'truncated.pb': heapRaw.subarray(0, Math.floor(heapRaw.length * 0.6)),
};

// A text heap profile with one record line broken (its '[' turned into '('), the rest intact.
const heapText = new TextDecoder().decode(read('heap_3.txt')).split('\n');
const bad = heapText.findIndex((line, i) => i > 10 && /^\d+: \d+ \[\d+: \d+\] @/.test(line));
heapText[bad] = heapText[bad].replace(' [', ' (');
files['badline_heap.txt'] = new TextEncoder().encode(heapText.join('\n'));

for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(malformed, name), bytes);
console.log(`malformed: ${Object.keys(files).join(', ')} (badline_heap.txt: line ${bad + 1})`);

// Payload names: each real function below is renamed, in both profiles of the pair, so the diff lines up.
const payloadNames: Record<string, string> = {
  'main.(*server).session': '<img src=x onerror=alert(1)>',
  'time.NewTimer': '"><svg onload=alert(2)>',
  'main.(*server).handle': '<script>alert(4)</script>',
  'main.(*server).pollUpstream': "javascript:alert(5)//'\"><iframe src=javascript:alert(6)>",
};
const payloadFile = 'javascript:alert(3)';

function withPayloadNames(gzipped: Uint8Array): Uint8Array {
  const profile = PprofProfile.decode(ungzip(gzipped));
  const strings = profile.stringTable.strings;
  // dedup() appends through the table's own bookkeeping, so encode() writes the new strings too.
  const indexOf = (s: string): number => profile.stringTable.dedup(s);
  let renamed = 0;
  for (const fn of profile.function) {
    const name = strings[Number(fn.name)];
    const payload = payloadNames[name];
    if (payload !== undefined) {
      fn.name = indexOf(payload);
      fn.systemName = fn.name;
      renamed++;
    }
    if (name.startsWith('main.')) fn.filename = indexOf(payloadFile);
  }
  if (renamed < Object.keys(payloadNames).length) throw new Error(`only ${renamed} payload functions found`);
  return gz(profile.encode());
}

writeFileSync(path.join(malicious, 'xss_heap.pb.gz'), withPayloadNames(read('heap_1.pb.gz')));
writeFileSync(path.join(malicious, 'xss_heap_2.pb.gz'), withPayloadNames(read('heap_3.pb.gz')));
console.log('malicious: xss_heap.pb.gz (from heap_1), xss_heap_2.pb.gz (from heap_3)');
