/**
 * Where a lab is relative to the viewport: `near` once it comes within one viewport height (its
 * worker starts and shows step 0), `visible` while any of it is on screen (it may start training),
 * and `near` turns false again only beyond two viewport heights (training pauses). The gap between
 * the margins keeps a lab at the edge from flickering. Without IntersectionObserver (old browsers,
 * jsdom) the lab counts as near and visible.
 */
import { useEffect, useState, type RefObject } from 'react';

export interface ScreenPosition {
  near: boolean;
  visible: boolean;
}

export function useNearScreen(ref: RefObject<Element | null>): ScreenPosition {
  const none = typeof IntersectionObserver === 'undefined';
  const [near, setNear] = useState(none);
  const [visible, setVisible] = useState(none);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observers = [
      new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) setNear(true);
        },
        { rootMargin: '100% 0px 100% 0px' },
      ),
      new IntersectionObserver(
        (entries) => {
          if (entries.every((e) => !e.isIntersecting)) setNear(false);
        },
        { rootMargin: '200% 0px 200% 0px' },
      ),
      new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting))),
    ];
    for (const o of observers) o.observe(el);
    return () => {
      for (const o of observers) o.disconnect();
    };
  }, [ref]);
  return { near, visible };
}
