/**
 * Whether an element is near the viewport: "near" within one viewport height, "far" beyond two
 * (the gap between the two margins keeps a lab at the edge from flickering between states).
 * Without IntersectionObserver (old browsers, jsdom) the element counts as near.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useNearScreen(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const enter = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '100% 0px 100% 0px' },
    );
    const leave = new IntersectionObserver(
      (entries) => {
        if (entries.every((e) => !e.isIntersecting)) setNear(false);
      },
      { rootMargin: '200% 0px 200% 0px' },
    );
    enter.observe(el);
    leave.observe(el);
    return () => {
      enter.disconnect();
      leave.disconnect();
    };
  }, [ref]);
  return near;
}
