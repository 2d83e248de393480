import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffExtensions, type DiffExtension } from './diffExtensions.ts';
import { HEAP_SCENARIOS, readExact } from '../testing/sharedProfiles.ts';
import { profilesDir, repoRoot, runCliCaptured } from './testing.ts';

const p = (rel: string): string => path.join(profilesDir, rel);

describe('top', () => {
  it('prints the exact JSON shape', async () => {
    const run = await runCliCaptured(['top', p('timer-leak/goroutine_3.pb.gz'), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['file', 'format', 'kind', 'sampleType', 'total', 'functions']);
    expect(out).toMatchObject({ file: 'goroutine_3.pb.gz', format: 'pprof', kind: 'goroutine', sampleType: { type: 'goroutine', unit: 'count' } });
    expect(Object.keys(out.functions[0])).toEqual(['name', 'flat', 'cum']);
    const flats = out.functions.map((f: { flat: number }) => f.flat);
    expect(flats).toEqual([...flats].sort((a, b) => b - a));
  });

  it('prints a readable table with human units', async () => {
    const run = await runCliCaptured(['top', p('closure-capture/heap_3.pb.gz')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('inuse_space');
    expect(run.stdout).toMatch(/MiB\s+\d+(\.\d+)?%\s+[\d.]+ MiB\s+\d+(\.\d+)?%\s+main\.makeHandler/);
  });

  it('reads text profiles too', async () => {
    const run = await runCliCaptured(['top', p('map-cache/heap_3.txt'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'heap-text', kind: 'heap' });
  });

  it('exits 2 on a missing or bad file and on an unknown sample type', async () => {
    const missing = await runCliCaptured(['top', p('nope.pb.gz')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.pb.gz: cannot read (no such file)');
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-'));
    writeFileSync(path.join(dir, 'junk.pb.gz'), 'not a profile at all\n');
    const junk = await runCliCaptured(['top', path.join(dir, 'junk.pb.gz')]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/^junk\.pb\.gz: /);
    const type = await runCliCaptured(['top', p('map-cache/heap_3.pb.gz'), '--sample-type', 'cpu']);
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('has no sample type "cpu"');
  });

  it('exits 2 with usage on bad arguments', async () => {
    const run = await runCliCaptured(['top']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: top FILE');
    const flag = await runCliCaptured(['top', p('map-cache/heap_3.pb.gz'), '--bogus']);
    expect(flag.code).toBe(2);
    const cmd = await runCliCaptured(['frobnicate']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('diff', () => {
  const base = p('timer-leak/heap_1.pb.gz');
  const next = p('timer-leak/heap_3.pb.gz');

  it('prints the exact JSON shape, sorted by flat delta', async () => {
    const run = await runCliCaptured(['diff', base, next, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    // Core fields first; extensions (diffExtensions.ts: suspects, …) may append more.
    expect(Object.keys(out).slice(0, 5)).toEqual(['sampleType', 'base', 'new', 'normalized', 'functions']);
    expect(out.base.file).toBe('heap_1.pb.gz');
    expect(out.new.file).toBe('heap_3.pb.gz');
    expect(out.normalized).toBe(false);
    expect(Object.keys(out.functions[0]).slice(0, 7)).toEqual(['name', 'flatBase', 'flatNew', 'flatDelta', 'cumBase', 'cumNew', 'cumDelta']);
    const deltas = out.functions.map((f: { flatDelta: number }) => f.flatDelta);
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
    expect(out.functions[0].name).toBe('time.NewTimer');
    for (const f of out.functions) {
      expect(f.flatDelta).toBe(f.flatNew - f.flatBase);
      expect(Number.isInteger(f.cumNew)).toBe(true);
    }
  });

  it('prints signed changes, base → new, then totals', async () => {
    const run = await runCliCaptured(['diff', base, next]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\+[\d.]+ MiB\s+[\d.]+ (KiB|MiB|B) \u2192 [\d.]+ MiB.*time\.NewTimer/);
    expect(run.stdout).toMatch(/total: [\d.]+ MiB \u2192 [\d.]+ MiB \(\+[\d.]+ MiB, \+[\d.]+%\)/);
  });

  it('refuses a heap profile against a CPU profile with exit 2', async () => {
    const run = await runCliCaptured(['diff', base, p('cpu/cpu_new.pb.gz')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('heap_1.pb.gz is a heap profile, cpu_new.pb.gz is a CPU profile');
  });

  it('applies --focus and --ignore as pprof does', async () => {
    const all = JSON.parse((await runCliCaptured(['diff', base, next, '--json'])).stdout);
    const focused = JSON.parse((await runCliCaptured(['diff', base, next, '--json', '--focus', 'pollLoop'])).stdout);
    const names = focused.functions.map((f: { name: string }) => f.name);
    expect(names).toContain('main.pollLoop');
    expect(names).toContain('time.NewTimer');
    expect(focused.new.total).toBeLessThan(all.new.total);
    const ignored = JSON.parse((await runCliCaptured(['diff', base, next, '--json', '--ignore', 'pollLoop'])).stdout);
    expect(ignored.functions.map((f: { name: string }) => f.name)).not.toContain('main.pollLoop');
    expect(ignored.new.total + focused.new.total).toBe(all.new.total);
  });

  it('applies --hide as pprof does: the frames go, their values stay with the callers', async () => {
    const hidden = JSON.parse((await runCliCaptured(['diff', base, next, '--json', '--hide', '^time\\.'])).stdout);
    const names: string[] = hidden.functions.map((f: { name: string }) => f.name);
    expect(names.filter((n) => n.startsWith('time.'))).toEqual([]);
    const pollLoop = hidden.functions.find((f: { name: string }) => f.name === 'main.pollLoop');
    // pprof -hide='^time\.' on this pair: main.pollLoop gets time.NewTimer's flat (8,000,000 + 352,256).
    expect(pollLoop.flatDelta).toBe(8352256);
  });

  it('exits 2 on a bad regex, saying how to fix it', async () => {
    const run = await runCliCaptured(['diff', base, next, '--focus', '(*Server).handle']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--focus: "(*Server).handle" is not a valid regular expression');
  });

  it('warns on stderr about cumulative alloc_* types, keeping stdout parseable', async () => {
    const run = await runCliCaptured(['diff', base, next, '--json', '--sample-type', 'alloc_space']);
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).toContain('warning: alloc_space is cumulative since process start');
  });
});

describe('diff extensions', () => {
  it('add fields after the core ones, and a failing one is left out with a warning', async () => {
    const added: DiffExtension = { id: 'test-added', extendJson: (r) => ({ ...r, extra: 42 }) };
    const broken: DiffExtension = {
      id: 'test-broken',
      extendJson: () => {
        throw new Error('boom');
      },
      textBefore: () => {
        throw new Error('boom');
      },
    };
    diffExtensions.push(added, broken);
    try {
      const args = ['diff', p('map-cache/heap_1.pb.gz'), p('map-cache/heap_3.pb.gz')];
      const json = await runCliCaptured([...args, '--json']);
      expect(json.code).toBe(0);
      const out = JSON.parse(json.stdout);
      expect(out.extra).toBe(42);
      expect(Object.keys(out).slice(0, 5)).toEqual(['sampleType', 'base', 'new', 'normalized', 'functions']);
      expect(json.stderr).toContain('warning: the test-broken part of the report failed and is left out (boom)');
      const text = await runCliCaptured(args);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('total:');
    } finally {
      diffExtensions.splice(diffExtensions.indexOf(added), 2);
    }
  });
});

describe('diff --fail-on-growth', () => {
  // timer-leak inuse_space grows by 8,794,048 bytes (8.39 MiB) from heap_1 to heap_3.
  const base = p('timer-leak/heap_1.pb.gz');
  const next = p('timer-leak/heap_3.pb.gz');
  const run = (amount: string, ...extra: string[]) => runCliCaptured(['diff', base, next, '--json', '--fail-on-growth', amount, ...extra]);

  it('exits 3 when the total grew by more than a byte amount, 0 otherwise', async () => {
    const over = await run('8MiB');
    expect(over.code).toBe(3);
    expect(over.stderr).toContain('inuse_space grew by +8.39 MiB');
    expect(over.stderr).toContain('more than the allowed 8 MiB');
    expect(JSON.parse(over.stdout).functions.length).toBeGreaterThan(0);
    expect((await run('9MiB')).code).toBe(0);
    expect((await run('8794048')).code).toBe(0);
    expect((await run('8794047')).code).toBe(3);
  });

  it('takes a percentage of the base total', async () => {
    expect((await run('5%')).code).toBe(3);
    expect((await run('100000%')).code).toBe(0);
  });

  it('takes a count for goroutine profiles', async () => {
    const g = (amount: string) =>
      runCliCaptured(['diff', p('goroutine-leak/goroutine_1.pb.gz'), p('goroutine-leak/goroutine_3.pb.gz'), '--fail-on-growth', amount]);
    expect((await g('100')).code).toBe(3);
    expect((await g('1000000')).code).toBe(0);
  });

  it('exits 2 for an amount that is not one or does not fit the unit', async () => {
    const bad = await run('lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on-growth');
    const unit = await runCliCaptured(['diff', base, next, '--sample-type', 'inuse_objects', '--fail-on-growth', '10MiB']);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toContain('a byte amount does not apply to values measured in count');
    expect(unit.stdout).toBe('');
  });

  it('never fires when nothing grew', async () => {
    expect((await runCliCaptured(['diff', next, base, '--fail-on-growth', '0'])).code).toBe(0);
  });
});

describe('legacy text heap profiles', () => {
  const scenarios = existsSync(profilesDir) ? [...HEAP_SCENARIOS] : [];
  const types = ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects'];
  it.each(scenarios.flatMap((s) => types.map((t) => [s, t] as const)))('%s %s: text pair gives pprof deltas within 1 percent', async (scenario, type) => {
    const ref = readExact(scenario, `diff_${type}_1_3.json`);
    const run = await runCliCaptured(['diff', p(`${scenario}/heap_1.txt`), p(`${scenario}/heap_3.txt`), '--json', '--sample-type', type]);
    expect(run.code, run.stderr).toBe(0);
    const ours = new Map<string, { flatDelta: number; cumDelta: number }>(
      JSON.parse(run.stdout).functions.map((f: { name: string; flatDelta: number; cumDelta: number }) => [f.name, f]),
    );
    for (const [name, v] of Object.entries(ref.functions)) {
      const got = ours.get(name) ?? { flatDelta: 0, cumDelta: 0 };
      expect(Math.abs(got.flatDelta - v.flat), `${name} flat`).toBeLessThanOrEqual(Math.max(1, Math.abs(v.flat) * 0.01));
      expect(Math.abs(got.cumDelta - v.cum), `${name} cum`).toBeLessThanOrEqual(Math.max(1, Math.abs(v.cum) * 0.01));
    }
  });
});

describe('npm run cli', () => {
  it('runs the real entry point with its exit codes', () => {
    const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'top', p('slice-retention/heap_3.pb.gz'), '--json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(JSON.parse(out).kind).toBe('heap');
    const bad = spawnSync('npm', ['run', '--silent', 'cli', '--', 'diff', p('slice-retention/heap_1.pb.gz'), p('cpu/cpu_base.pb.gz')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('is a heap profile, cpu_base.pb.gz is a CPU profile');
  });
});
