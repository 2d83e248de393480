// The sliver index is geometry only (no profile in it), so hand-placed intervals test it as well as any.
import { describe, expect, it } from 'vitest';
import { SliverIndex } from './sliverIndex.ts';

const place = (frame: string, x: number, width: number, row: number) => ({ frame, x, width, row });

describe('SliverIndex', () => {
  const index = new SliverIndex([place('c', 10, 2, 1), place('a', 0, 3, 0), place('b', 5, 0.4, 1), place('z', 7, 0, 1), place('d', 3, 3, 3)]);

  it('finds the sliver under a point in its row, whatever order the placements came in', () => {
    expect(index.at(1.5, 0)?.frame).toBe('a');
    expect(index.at(10, 1)?.frame).toBe('c');
    expect(index.at(11.9, 1)?.frame).toBe('c');
    expect(index.at(4, 3)?.frame).toBe('d');
  });

  it('hits a sliver under a pixel on the whole pixel it colours', () => {
    expect(index.at(5.9, 1)?.frame).toBe('b');
    expect(index.at(5.9, 1)?.width).toBe(1);
  });

  it('finds nothing between slivers, in empty rows, outside the rows or where a frame has no width', () => {
    expect(index.at(3, 0)).toBeNull();
    expect(index.at(12, 1)).toBeNull();
    expect(index.at(7, 1)).toBeNull();
    expect(index.at(4, 2)).toBeNull();
    expect(index.at(4, 4)).toBeNull();
    expect(index.at(4, -1)).toBeNull();
    expect(index.size).toBe(4);
    expect(index.rows).toBe(4);
  });

  it('is empty without placements', () => {
    expect(new SliverIndex([]).at(0, 0)).toBeNull();
  });
});
