import { useEffect, useState } from 'react';

/**
 * Mounts the page's labs one per task after the page has hydrated. Why: a lab is the heaviest
 * thing the page renders (controls, toolbar, readouts); mounting all six in the commit that
 * hydrates the article made one main-thread task far over the 50 ms budget. Each lab's mount is
 * queued from its placeholder's effect and run in its own macrotask, in document order.
 */
const queue: (() => void)[] = [];
let draining = false;

function drain(): void {
  const next = queue.shift();
  if (!next) {
    draining = false;
    return;
  }
  next();
  // A new task per lab: the browser may paint and handle input between two mounts.
  setTimeout(drain, 0);
}

/** Queues `mount` to run in a task of its own, after those queued before it. */
export function queueMount(mount: () => void): () => void {
  let cancelled = false;
  queue.push(() => {
    if (!cancelled) mount();
  });
  if (!draining) {
    draining = true;
    setTimeout(drain, 0);
  }
  return () => {
    cancelled = true;
  };
}

/**
 * False on the server and in the first client render (so that hydration sees the same markup the
 * prerender wrote), true once this component's turn in the mount queue has come.
 */
export function useQueuedMount(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => queueMount(() => setMounted(true)), []);
  return mounted;
}
