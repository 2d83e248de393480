// Frame labels: monospace, cut from the LEFT of the package path so the method name stays readable
// (`net/http.(*conn).serve` in a narrow frame reads `…/http.(*conn).serve`). Pure.
import { goPackage } from './colors.ts';

export const ELLIPSIS = '…';
/** Horizontal padding inside a frame, both sides together, in px (d3-flame-graph's label margins). */
export const LABEL_PADDING_PX = 8;
/** d3-flame-graph hides the label of a frame narrower than this. */
export const MIN_LABEL_PX = 35;

export function ellipsizeLeft(name: string, maxChars: number): string {
  if (name.length <= maxChars) return name;
  if (maxChars < 2) return '';
  // Prefer cutting at a '/' of the package path: "…/http.(*conn).serve" reads better than "…tp.(*conn).serve".
  const pkgEnd = goPackage(name).length;
  for (let s = name.indexOf('/'); s >= 0 && s < pkgEnd; s = name.indexOf('/', s + 1)) {
    if (name.length - s + 1 <= maxChars) return ELLIPSIS + name.slice(s);
  }
  return ELLIPSIS + name.slice(name.length - (maxChars - 1));
}

export function labelForWidth(name: string, px: number, charWidthPx: number): string {
  if (px < MIN_LABEL_PX || !(charWidthPx > 0)) return '';
  return ellipsizeLeft(name, Math.floor((px - LABEL_PADDING_PX) / charWidthPx));
}
