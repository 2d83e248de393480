// Frame colours. Diff: growth red, shrinkage blue, unchanged neutral grey, intensity by |delta| / max |delta|
// in view. Single profile: a warm palette, one hue per Go package. Pure: returns CSS colour strings.

export type Rgb = readonly [number, number, number];

export const NEUTRAL: Rgb = [210, 210, 210];
// Faintest and strongest colour of each ramp. Every point on a ramp keeps its own channel the largest, so a
// tiny growth is still red-dominant and a tiny shrinkage blue-dominant.
const GROWTH_FAINT: Rgb = [250, 212, 206];
const GROWTH_STRONG: Rgb = [196, 24, 28];
const SHRINK_FAINT: Rgb = [206, 220, 250];
const SHRINK_STRONG: Rgb = [32, 84, 200];
// A change, however small, is never drawn as the unchanged grey.
const MIN_INTENSITY = 0.15;

/** 0 for no change, up to 1 for the largest change in view. */
export function changeIntensity(delta: number, maxAbsDelta: number): number {
  if (delta === 0 || !(maxAbsDelta > 0)) return 0;
  const t = Math.min(1, Math.abs(delta) / maxAbsDelta);
  // Square root: a change of 1% of the largest is still visibly tinted, yet the order is kept.
  return MIN_INTENSITY + (1 - MIN_INTENSITY) * Math.sqrt(t);
}

export function diffRgb(delta: number, maxAbsDelta: number): Rgb {
  const s = changeIntensity(delta, maxAbsDelta);
  if (s === 0) return NEUTRAL;
  return delta > 0 ? mix(GROWTH_FAINT, GROWTH_STRONG, s) : mix(SHRINK_FAINT, SHRINK_STRONG, s);
}

export function diffColor(delta: number, maxAbsDelta: number): string {
  return css(diffRgb(delta, maxAbsDelta));
}

/** The Go package of a function name: `net/http.(*conn).serve` → `net/http`, `main.glob..func1` → `main`. */
export function goPackage(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot < 0 ? name : name.slice(0, dot);
}

/** Warm palette for a single profile: hue from red to yellow, chosen by package so a package reads as one. */
export function packageRgb(name: string): Rgb {
  const pkg = goPackage(name);
  let h = 2166136261;
  for (let i = 0; i < pkg.length; i++) {
    h ^= pkg.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  const u = (h >>> 0) / 4294967296;
  const hue = 8 + 42 * u; // degrees: red-orange to yellow-orange
  return hslToRgb(hue, 0.78, 0.62 + 0.08 * ((h >>> 8) & 1));
}

export function packageColor(name: string): string {
  return css(packageRgb(name));
}

/** Black or white, whichever reads better on `fill`. */
export function labelColorOn(fill: Rgb): string {
  const luminance = 0.299 * fill[0] + 0.587 * fill[1] + 0.114 * fill[2];
  return luminance < 140 ? '#fff' : '#111';
}

export function css(rgb: Rgb): string {
  return `rgb(${rgb[0]},${rgb[1]},${rgb[2]})`;
}

/** The colour forms our code and stylesheets write: rgb(r, g, b) (or rgba), #rrggbb and #rgb. */
export function parseRgb(color: string): Rgb | null {
  const c = color.trim();
  let m = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c) ?? /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(c);
  if (!m) return null;
  const channel = (h: string) => parseInt(h.length === 1 ? h + h : h, 16);
  return [channel(m[1]), channel(m[2]), channel(m[3])];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

function hslToRgb(hueDeg: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const hp = hueDeg / 60;
  const x = c * (1 - Math.abs((hp % 2) - 1));
  const [r1, g1, b1] = hp < 1 ? [c, x, 0] : hp < 2 ? [x, c, 0] : [0, c, x];
  const m = l - c / 2;
  return [Math.round((r1 + m) * 255), Math.round((g1 + m) * 255), Math.round((b1 + m) * 255)];
}
