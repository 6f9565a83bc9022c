import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps {
  /** Height in pixels of each item, in order. */
  heights: number[];
  renderItem: (index: number) => ReactNode;
  /** Extra pixels rendered above and below the visible part. Default 400. */
  overscan?: number;
  label: string;
}

/**
 * Renders only the items in view (plus some overscan), so 5,000 jobs cost what 20 do.
 * Offsets are prefix sums of the heights; the first visible item is found by binary search.
 */
export function VirtualList({ heights, renderItem, overscan = 400, label }: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);

  const offsets = useMemo(() => {
    const result = new Array<number>(heights.length + 1);
    result[0] = 0;
    for (let i = 0; i < heights.length; i++) result[i + 1] = result[i]! + heights[i]!;
    return result;
  }, [heights]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight || 800); // 0 before layout (and in tests)
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const total = offsets[heights.length]!;
  const from = Math.max(0, findIndex(offsets, scrollTop - overscan));
  const to = Math.min(heights.length, findIndex(offsets, scrollTop + viewport + overscan) + 1);
  const items: ReactNode[] = [];
  for (let i = from; i < to; i++) {
    items.push(
      <div key={i} style={{ position: 'absolute', top: offsets[i], left: 0, right: 0, height: heights[i] }}>
        {renderItem(i)}
      </div>,
    );
  }
  return (
    <div ref={ref} className="virtual-list" aria-label={label} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div style={{ position: 'relative', height: total }}>{items}</div>
    </div>
  );
}

/** Index of the item at pixel offset `y` (the last whose start is ≤ y). */
function findIndex(offsets: number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
