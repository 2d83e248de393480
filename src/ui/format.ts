// Display helpers on top of profile/units.ts for the few things units.ts does not cover.
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatClock(timeMs: number): string {
  if (!timeMs) return '';
  const d = new Date(timeMs);
  return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** When a profile was taken, as the local time of day: "14:03:27". */
export function formatTimeOfDay(timeMs: number): string {
  const d = new Date(timeMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
