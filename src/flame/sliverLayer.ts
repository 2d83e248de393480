// Frames too narrow for a label or a sure click are painted on one canvas under d3-flame-graph's SVG instead
// of being an SVG group each: they were 85-90% of the elements, and every element costs style, layout and
// script on each render. Colours and state marks match the SVG frames (flameChart.css).
import { parseRgb } from './colors.ts';
import { SliverIndex, type SliverPlacement } from './sliverIndex.ts';
import type { VisibleFrame } from './visibleTree.ts';

/**
 * Frames at most this wide are slivers: d3-flame-graph draws only wider ones (its minFrameSize). Up to 3 px
 * (the bound once) a frame is a few pixels of colour; from 4 to 12 px, 70% of the SVG frames a view of the
 * bench's profiles drew, it keeps the SVG frames' gap and outlines. Labels start at 35 px (labels.ts).
 */
export const SLIVER_MAX_PX = 12;

/** A sliver where the layout put it, and whether a new subtree starts at it (the SVG's dashed outline). */
export interface SliverBox extends SliverPlacement<VisibleFrame> {
  readonly newSubtree: boolean;
}

/** Device pixels from which a sliver is drawn as a box (gap on its right, outlines) rather than a strip. */
const BOX_MIN_DEVICE_PX = 4;

export interface SliverMarks {
  readonly searching: boolean;
  readonly selectedName: string | null;
  /** Leak-pattern ids of a frame (merged boxes have none). */
  patternsOf(frame: VisibleFrame): readonly string[];
}

/** Colours as 0xRRGGBB. */
interface Palette {
  outline: number;
  match: number;
}

const MARKER_RGB = 0x6a1b9a;

/** 0xRRGGBB of a CSS colour, or null. */
function cssRgb(colour: string): number | null {
  const rgb = parseRgb(colour);
  return rgb ? (rgb[0] << 16) | (rgb[1] << 8) | rgb[2] : null;
}

/** One canvas pixel as the platform's Uint32 view of RGBA bytes sees it (little-endian everywhere we run). */
function pack(rgb: number, alpha: number): number {
  return ((alpha << 24) | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff)) >>> 0;
}

export class SliverLayer {
  readonly canvas: HTMLCanvasElement;
  private readonly hoverBox: HTMLDivElement;
  private index = new SliverIndex<VisibleFrame>([]);
  private placements: SliverBox[] = [];
  private width = 0;
  private height = 0;
  private palette: Palette | null = null;
  private image: ImageData | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly cellHeight: number,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'flame-slivers';
    this.canvas.setAttribute('data-testid', 'flame-slivers');
    this.canvas.setAttribute('aria-hidden', 'true');
    this.hoverBox = document.createElement('div');
    this.hoverBox.className = 'flame-sliver-hover';
    this.hoverBox.hidden = true;
    host.prepend(this.canvas);
    host.appendChild(this.hoverBox);
  }

  /** Number of slivers drawn. */
  get size(): number {
    return this.index.size;
  }

  /** Rows the slivers reach (the SVG must be at least this tall). */
  get rows(): number {
    return this.index.rows;
  }

  /** Replaces the slivers with those of a new layout; paint() draws them. */
  set(placements: SliverBox[], width: number): void {
    this.placements = placements;
    this.index = new SliverIndex(placements);
    this.width = width;
    this.height = this.rows * this.cellHeight;
    this.hover(null);
    // Test hooks: the status line's "frames drawn" and boxes count these as well as the SVG's.
    let merged = 0;
    for (const p of placements) if (p.width > 0 && p.frame.kind === 'merged') merged++;
    this.canvas.setAttribute('data-frames', String(this.index.size - merged));
    this.canvas.setAttribute('data-merged-boxes', String(merged));
    if (placements.length === 0) this.canvas.hidden = true;
  }

  /**
   * Repaints with new marks (search, selection, patterns) on the same layout. Pixels are written directly: at
   * 1-3 px a sliver is whole device pixels anyway, and a fillStyle per frame (parsed on every assignment) cost
   * tens of milliseconds on a large view.
   */
  paint(marks: SliverMarks): void {
    const canvas = this.canvas;
    const dpr = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
    const pw = Math.max(1, Math.round(this.width * dpr));
    const ph = Math.max(1, Math.round(this.height * dpr));
    if (canvas.width !== pw) canvas.width = pw;
    if (canvas.height !== ph) canvas.height = ph;
    canvas.style.width = `${this.width}px`;
    canvas.style.height = `${this.height}px`;
    canvas.hidden = this.placements.length === 0;
    const ctx = canvas.getContext('2d');
    if (!ctx || this.placements.length === 0) return;
    // One buffer per canvas size, cleared and reused: a new one per paint was megabytes of garbage per zoom.
    let image = this.image;
    if (!image || image.width !== pw || image.height !== ph) image = this.image = ctx.createImageData(pw, ph);
    const pixels = new Uint32Array(image.data.buffer);
    pixels.fill(0);
    const cell = this.cellHeight * dpr;
    // One device row of gap under each frame, as the SVG frames' gap-coloured stroke leaves.
    const frameRows = Math.max(1, Math.round(cell) - 1);
    for (const p of this.placements) {
      const f = p.frame;
      if (p.width <= 0) continue;
      const x0 = Math.min(pw - 1, Math.floor(p.x * dpr));
      const x1 = Math.min(pw, Math.max(x0 + 1, Math.round((p.x + p.width) * dpr)));
      const y0 = Math.round(p.row * cell);
      const y1 = Math.min(ph, y0 + frameRows);
      const merged = f.kind === 'merged';
      const matched = marks.searching && f.match;
      const selected = !merged && marks.selectedName !== null && f.name === marks.selectedName;
      const alpha = marks.searching && !f.match ? 77 : merged ? 153 : 255;
      const fill = pack(f.fillRgb, alpha);
      if (x1 - x0 >= BOX_MIN_DEVICE_PX) {
        // As the SVG frames: a column of gap on the right, and the outline of a match, the selected function
        // or the start of a new subtree drawn inside the frame.
        const right = x1 - 1;
        fillRect(pixels, pw, x0, right, y0, y1, fill);
        const outline = matched ? this.colours().match : selected ? this.colours().outline : p.newSubtree ? this.colours().outline : -1;
        if (outline >= 0) {
          const thickness = matched || selected ? Math.max(2, Math.round(2 * dpr)) : Math.max(1, Math.round(dpr));
          drawOutline(pixels, pw, x0, right, y0, y1, thickness, pack(outline, 255), !matched && !selected);
        }
      } else {
        // Outlines (search match, selected function) would cover a frame this narrow entirely: it is painted in
        // their colour. The dashed new-subtree outline is left out.
        const colour = matched ? pack(this.colours().match, alpha) : selected ? pack(this.colours().outline, alpha) : fill;
        fillRect(pixels, pw, x0, x1, y0, y1, colour);
      }
      if (!merged && marks.patternsOf(f).length > 0) {
        // The SVG frames' corner flag, no wider than the frame.
        const colour = pack(MARKER_RGB, 255);
        const size = Math.round(Math.min(8, Math.max(2, p.width)) * dpr);
        for (let r = 0; r < size && y0 + r < y1; r++) fillRect(pixels, pw, x0, Math.min(x1, x0 + size - r), y0 + r, y0 + r + 1, colour);
      }
    }
    ctx.putImageData(image, 0, 0);
  }

  /** The sliver under a point given in the host's coordinates. */
  at(x: number, y: number): SliverPlacement<VisibleFrame> | null {
    return this.index.at(x, Math.floor(y / this.cellHeight));
  }

  /** Outlines the hovered sliver (the SVG frames get theirs from :hover). */
  hover(p: SliverPlacement<VisibleFrame> | null): void {
    const box = this.hoverBox;
    if (p === null) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.style.left = `${p.x}px`;
    box.style.top = `${p.row * this.cellHeight}px`;
    box.style.width = `${Math.max(p.width, 1)}px`;
    box.style.height = `${this.cellHeight}px`;
  }

  /** Colours come from the chart's CSS variables: read once, and again after a colour-scheme change. */
  resetPalette(): void {
    this.palette = null;
  }

  // Read only when a mark needs it: reading computed style in the middle of a render forces a style pass.
  private colours(): Palette {
    return (this.palette ??= this.readPalette());
  }

  private readPalette(): Palette {
    const style = getComputedStyle(this.host);
    const get = (name: string, fallback: number) => cssRgb(style.getPropertyValue(name)) ?? fallback;
    return { outline: get('--flame-outline', 0x1b1b1b), match: get('--flame-match', 0xc800c8) };
  }

  destroy(): void {
    this.canvas.remove();
    this.hoverBox.remove();
  }
}

/** Paints [x0, x1) × [y0, y1) of a canvas `pw` pixels wide. Plain loops: a sliver row is a few pixels. */
function fillRect(pixels: Uint32Array, pw: number, x0: number, x1: number, y0: number, y1: number, colour: number): void {
  for (let y = y0; y < y1; y++) for (let i = y * pw + x0, end = y * pw + x1; i < end; i++) pixels[i] = colour;
}

/** An outline `thickness` device pixels wide inside [x0, x1) × [y0, y1); dashed 4 on, 2 off as the SVG's. */
function drawOutline(pixels: Uint32Array, pw: number, x0: number, x1: number, y0: number, y1: number, thickness: number, colour: number, dashed: boolean): void {
  // `count` pixels from `start`, `step` apart: 1 along a row, pw down a column.
  const line = (start: number, step: number, count: number) => {
    for (let k = 0; k < count; k++) if (!dashed || k % 6 < 4) pixels[start + k * step] = colour;
  };
  for (let t = 0; t < thickness; t++) {
    const top = y0 + t;
    const bottom = y1 - 1 - t;
    if (top > bottom) break;
    line(top * pw + x0, 1, x1 - x0);
    line(bottom * pw + x0, 1, x1 - x0);
    const left = x0 + t;
    const right = x1 - 1 - t;
    if (left > right) break;
    line(y0 * pw + left, pw, y1 - y0);
    line(y0 * pw + right, pw, y1 - y0);
  }
}
