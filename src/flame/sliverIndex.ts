// Where the frames too narrow to be SVG elements were drawn: rows of [x, x + width) intervals, for finding the
// frame under the pointer on the canvas layer. Pure; built once per render, O(log n) per lookup.

export interface SliverPlacement<F> {
  readonly frame: F;
  /** Left edge and width in CSS pixels, row = depth below the view root. */
  readonly x: number;
  readonly width: number;
  readonly row: number;
}

export class SliverIndex<F> {
  private readonly x: Float64Array;
  private readonly end: Float64Array;
  private readonly frames: F[];
  /** Placements of row r are [rowStart[r], rowStart[r + 1]), sorted by x. */
  private readonly rowStart: Int32Array;

  /** `placements` need not be sorted. Zero-width ones are left out: nothing of them is drawn. */
  constructor(placements: readonly SliverPlacement<F>[]) {
    const kept = placements.filter((p) => p.width > 0).sort((a, b) => a.row - b.row || a.x - b.x);
    const rows = kept.length > 0 ? kept[kept.length - 1].row + 1 : 0;
    this.rowStart = new Int32Array(rows + 1);
    this.x = new Float64Array(kept.length);
    this.end = new Float64Array(kept.length);
    this.frames = new Array<F>(kept.length);
    for (let i = 0; i < kept.length; i++) {
      const p = kept[i];
      this.x[i] = p.x;
      // A sliver under a pixel is still hit on the whole pixel it colours.
      this.end[i] = p.x + Math.max(p.width, 1);
      this.frames[i] = p.frame;
      this.rowStart[p.row + 1] = i + 1;
    }
    for (let r = 1; r <= rows; r++) if (this.rowStart[r] < this.rowStart[r - 1]) this.rowStart[r] = this.rowStart[r - 1];
  }

  get size(): number {
    return this.frames.length;
  }

  /** Rows from the top down to the deepest sliver. */
  get rows(): number {
    return this.rowStart.length - 1;
  }

  /** The sliver at (x, row), or null. Where two overlap (a widened merged box), the later one wins. */
  at(x: number, row: number): SliverPlacement<F> | null {
    if (!(row >= 0) || row + 1 >= this.rowStart.length) return null;
    let lo = this.rowStart[row];
    let hi = this.rowStart[row + 1];
    // Last placement with x <= the point.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.x[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < this.rowStart[row] || x >= this.end[i]) return null;
    return { frame: this.frames[i], x: this.x[i], width: this.end[i] - this.x[i], row };
  }
}
