import { useEffect, useState } from 'react';

/**
 * How many of `total` panels to render: one more per animation frame until all are shown, and
 * never fewer afterwards. Why: a lab's first results mount half a dozen plots at once, and their
 * first style, layout and paint together made one main-thread task of 70–150 ms (Chromium trace);
 * one plot per frame keeps each task short (DESIGN budget: 50 ms).
 */
export function useProgressiveCount(total: number): number {
  const [count, setCount] = useState(1);
  useEffect(() => {
    if (count >= total) return;
    const frame = requestAnimationFrame(() => setCount((c) => c + 1));
    return () => cancelAnimationFrame(frame);
  }, [count, total]);
  return Math.min(count, total);
}
