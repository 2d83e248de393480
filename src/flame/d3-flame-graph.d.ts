// Types for the parts of d3-flame-graph 5.0.0 we use; the package ships none. Its ES build imports its own CSS.
declare module 'd3-flame-graph' {
  import type { HierarchyRectangularNode } from 'd3-hierarchy';
  import type { Selection } from 'd3-selection';

  /** The hierarchy node d3-flame-graph hands to callbacks; `data` is the object we fed it. */
  export type FlameNode<D> = HierarchyRectangularNode<D> & { id: number; highlight?: boolean; delta?: number };

  export interface FlameTooltip<D> {
    (selection: Selection<SVGSVGElement, unknown, null, undefined>): void;
    show(event: MouseEvent, d: FlameNode<D>): FlameTooltip<D>;
    hide(): FlameTooltip<D>;
    destroy?(): void;
  }

  export interface FlameGraph<D> {
    (selection: Selection<HTMLElement, D, null, undefined>): void;
    width(w: number): FlameGraph<D>;
    width(): number;
    height(h: number | null): FlameGraph<D>;
    minHeight(h: number): FlameGraph<D>;
    cellHeight(h: number): FlameGraph<D>;
    transitionDuration(ms: number): FlameGraph<D>;
    sort(s: boolean | ((a: FlameNode<D>, b: FlameNode<D>) => number)): FlameGraph<D>;
    inverted(b: boolean): FlameGraph<D>;
    minFrameSize(px: number): FlameGraph<D>;
    selfValue(b: boolean): FlameGraph<D>;
    resetHeightOnZoom(b: boolean): FlameGraph<D>;
    computeDelta(b: boolean): FlameGraph<D>;
    tooltip(t: FlameTooltip<D>): FlameGraph<D>;
    getName(f: (d: FlameNode<D>) => string): FlameGraph<D>;
    getValue(f: (d: D) => number): FlameGraph<D>;
    getChildren(f: (d: D) => D[] | undefined): FlameGraph<D>;
    setColorMapper(f: (d: FlameNode<D>, original: string) => string): FlameGraph<D>;
    setSearchMatch(f: (d: FlameNode<D>, term: string, ignoreCase?: boolean) => boolean): FlameGraph<D>;
    setSearchHandler(f: (results: FlameNode<D>[], sum: number, total: number) => void): FlameGraph<D>;
    setDetailsHandler(f: (label: string | null) => void): FlameGraph<D>;
    setLabelHandler(f: (d: FlameNode<D>) => string): FlameGraph<D>;
    onClick(f: (d: FlameNode<D>) => void): FlameGraph<D>;
    onHover(f: (d: FlameNode<D>) => void): FlameGraph<D>;
    update(data?: D): FlameGraph<D>;
    search(term: string): void;
    clear(): void;
    destroy(): FlameGraph<D>;
  }

  export default function flamegraph<D = unknown>(): FlameGraph<D>;
}
