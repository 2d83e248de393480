// A small Go-like heap profile made up in code, for a decode worker to decode while the page is idle: the
// first decode of a file then runs compiled code (cold, a 45k-sample profile took up to twice as long).
// Deterministic; 2,000 samples, about 130 KB.

/** Protobuf bytes of the warm-up profile. */
export function warmUpProfileBytes(samples = 2000): Uint8Array {
  const out: number[] = [];
  const varint = (to: number[], v: number): void => {
    while (v >= 0x80) {
      to.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    to.push(v);
  };
  const field = (to: number[], n: number, body: number[]): void => {
    varint(to, (n << 3) | 2);
    varint(to, body.length);
    for (const b of body) to.push(b);
  };
  const scalar = (to: number[], n: number, v: number): void => {
    varint(to, n << 3);
    varint(to, v);
  };
  const strings = [''];
  const str = (s: string): number => {
    strings.push(s);
    return strings.length - 1;
  };
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (const [type, unit] of [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']]) {
    const body: number[] = [];
    scalar(body, 1, str(type));
    scalar(body, 2, str(unit));
    field(out, 1, body);
  }
  const bytesKey = str('bytes');
  const functions = 300;
  const locations = 700;
  for (let i = 0; i < samples; i++) {
    const body: number[] = [];
    const ids: number[] = [];
    const depth = 8 + rand(16);
    // Walks share their top (server loop, middleware) and spread out below, as real stacks do.
    for (let d = 0; d < depth; d++) ids.push(d < depth / 2 ? 1 + ((d * 7) % 40) : 1 + rand(locations));
    const packed: number[] = [];
    for (const id of ids.reverse()) varint(packed, id);
    field(body, 1, packed);
    const values: number[] = [];
    const size = 8 << rand(10);
    const objects = 1 + rand(400);
    for (const v of [objects * 3, objects * 3 * size, objects, objects * size]) varint(values, v);
    field(body, 2, values);
    const label: number[] = [];
    scalar(label, 1, bytesKey);
    scalar(label, 3, size);
    field(body, 3, label);
    field(out, 2, body);
  }
  for (let i = 1; i <= locations; i++) {
    const body: number[] = [];
    scalar(body, 1, i);
    scalar(body, 3, 0x401000 + i * 64);
    const lines = i % 5 === 0 ? [1 + rand(functions), 1 + ((i - 1) % functions)] : [1 + ((i - 1) % functions)];
    for (const fn of lines) {
      const line: number[] = [];
      scalar(line, 1, fn);
      scalar(line, 2, 10 + rand(900));
      field(body, 4, line);
    }
    field(out, 4, body);
  }
  for (let i = 1; i <= functions; i++) {
    const body: number[] = [];
    const name = str(`example.com/service/pkg${i % 17}.(*Handler${i % 5}).Serve${i}`);
    scalar(body, 1, i);
    scalar(body, 2, name);
    scalar(body, 3, name);
    scalar(body, 4, str(`/src/example.com/service/pkg${i % 17}/handler.go`));
    field(out, 5, body);
  }
  const encoder = new TextEncoder();
  for (const s of strings) field(out, 6, Array.from(encoder.encode(s)));
  return new Uint8Array(out);
}
