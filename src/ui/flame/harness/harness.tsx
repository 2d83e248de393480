// A development page for the flame graph alone (not shipped): load two profiles or a synthetic 400k-stack
// diff, switch width mode, search, zoom, and time each interaction to the next paint (window.__flameHarness).
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { diffProfiles } from '../../../diff/diffProfiles.ts';
import { profileStackValues, type StackValues } from '../../../diff/stackValues.ts';
import type { FlameRenderStats } from '../../../flame/flameChart.ts';
import type { WidthMode } from '../../../flame/flameTree.ts';
import { syntheticStackValues } from '../../../flame/testing/syntheticStackValues.ts';
import { decodeProfile } from '../../../profile/decodeProfile.ts';
import { FlameGraph, type SearchTotals } from '../FlameGraph.tsx';

interface Controls {
  setValues(v: StackValues): void;
  setWidthMode(m: WidthMode): void;
  setSearch(s: string): void;
  setZoom(p: readonly string[]): void;
}

const pending: { resolve: (s: FlameRenderStats) => void }[] = [];
let controls: Controls | null = null;
let lastStats: FlameRenderStats | null = null;
let prepared: StackValues | null = null;

function nextPaint(): Promise<void> {
  // rAF runs before the frame is painted; a task queued from it runs after that paint.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function timed(action: () => void): Promise<{ ms: number; renderMs: number; stats: FlameRenderStats | null }> {
  const started = performance.now();
  const rendered = new Promise<FlameRenderStats>((resolve) => pending.push({ resolve }));
  action();
  const stats = await Promise.race([rendered, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
  await nextPaint();
  return { ms: performance.now() - started, renderMs: stats?.renderMs ?? NaN, stats };
}

declare global {
  interface Window {
    __flameHarness: {
      synthetic(stacks: number): Promise<{ buildMs: number; ms: number; renderMs: number; stats: FlameRenderStats | null }>;
      /** Generates a synthetic diff and keeps it aside, so showPrepared() times only the flame graph's part. */
      prepare(stacks: number): number;
      showPrepared(): ReturnType<typeof timed>;
      widthMode(m: WidthMode): ReturnType<typeof timed>;
      search(s: string): ReturnType<typeof timed>;
      zoom(p: readonly string[]): ReturnType<typeof timed>;
      /** Clicks the widest drawn frame at depth `depth` (a user's zoom). */
      clickFrameAtDepth(depth: number): ReturnType<typeof timed>;
      stats(): FlameRenderStats | null;
    };
  }
}

window.__flameHarness = {
  async synthetic(stacks) {
    const t0 = performance.now();
    const values = syntheticStackValues({ stacks });
    const buildMs = performance.now() - t0;
    const r = await timed(() => controls?.setValues(values));
    return { buildMs, ...r };
  },
  prepare(stacks) {
    prepared = syntheticStackValues({ stacks, seed: stacks + Math.floor(Math.random() * 1000) });
    return prepared.stacks.length;
  },
  showPrepared: () => timed(() => prepared && controls?.setValues(prepared)),
  widthMode: (m) => timed(() => controls?.setWidthMode(m)),
  search: (s) => timed(() => controls?.setSearch(s)),
  zoom: (p) => timed(() => controls?.setZoom(p)),
  clickFrameAtDepth: (depth) =>
    timed(() => {
      const rows = [...document.querySelectorAll<SVGRectElement>('[data-testid=frame]')].filter(
        (r) => (r.parentElement as unknown as { __data__: { depth: number } }).__data__.depth === depth,
      );
      rows.sort((a, b) => Number(b.getAttribute('width')) - Number(a.getAttribute('width')));
      rows[0]?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }),
  stats: () => lastStats,
};

async function decodeFiles(files: FileList): Promise<StackValues> {
  const list = [...files].sort((a, b) => a.name.localeCompare(b.name));
  const profiles = await Promise.all(list.map(async (f) => decodeProfile(new Uint8Array(await f.arrayBuffer()), f.name)));
  const sampleType = new URLSearchParams(location.search).get('sampleType') ?? undefined;
  return profiles.length >= 2 ? diffProfiles(profiles[0], profiles[profiles.length - 1], { sampleType }) : profileStackValues(profiles[0], sampleType);
}

function Harness() {
  const [values, setValues] = useState<StackValues | null>(null);
  const [widthMode, setWidthMode] = useState<WidthMode>('diff');
  const [search, setSearch] = useState('');
  const [zoom, setZoom] = useState<readonly string[]>([]);
  const [totals, setTotals] = useState<SearchTotals | null>(null);
  const [error, setError] = useState('');
  const selected = useRef<string | null>(null);
  controls = { setValues, setWidthMode, setSearch, setZoom };
  useEffect(() => {
    const n = Number(new URLSearchParams(location.search).get('synthetic'));
    if (n > 0) setValues(syntheticStackValues({ stacks: n }));
  }, []);
  const onStats = useCallback((s: FlameRenderStats) => {
    lastStats = s;
    for (const p of pending.splice(0)) p.resolve(s);
  }, []);
  return (
    <div style={{ padding: 8 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 6 }}>
        <input
          type="file"
          multiple
          data-testid="harness-files"
          onChange={(e) => {
            if (e.target.files?.length) decodeFiles(e.target.files).then(setValues, (err) => setError(String(err)));
          }}
        />
        <select value={widthMode} onChange={(e) => setWidthMode(e.target.value as WidthMode)} data-testid="harness-width-mode">
          <option value="diff">diff (base + new)</option>
          <option value="new">target</option>
          <option value="base">base</option>
        </select>
        <input placeholder="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="harness-search" />
        <span data-testid="harness-search-totals">
          {totals ? `${totals.matchedFrames} frames, ${totals.matchedFunctions} functions, new ${totals.totalNew} (${(totals.shareNew * 100).toFixed(1)}%)` : ''}
        </span>
        <span data-testid="harness-error">{error}</span>
      </div>
      <FlameGraph
        tree={values}
        widthMode={widthMode}
        search={search}
        zoomPath={zoom}
        selectedFunction={selected.current}
        onZoom={(p) => setZoom(p)}
        onStats={onStats}
        onSearch={setTotals}
        patterns={(node) => (node.name.startsWith('time.') ? ['timer-leak'] : null)}
        showLegend
        showBreadcrumbs
        showStats
      />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
