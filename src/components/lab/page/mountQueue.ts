/**
 * Mounts the page's labs one per task after the page has hydrated. Why: a lab is the heaviest
 * thing the page renders (controls, toolbar, readouts); mounting all six in the commit that
 * hydrates the article made one main-thread task far over the 50 ms budget. Each lab's mount is
 * queued from its placeholder's effect and run in its own macrotask, in document order. One per
 * page (LabPage.mounts, read by useQueuedMount in labPage.ts); `task` runs a function in a new
 * task (a 0 ms timeout in the app, a scripted one in tests).
 */
export class MountQueue {
  private readonly queue: (() => void)[] = [];
  private draining = false;

  constructor(private readonly task: (run: () => void) => void = (run) => setTimeout(run, 0)) {}

  /** Queues `mount` to run in a task of its own, after those queued before it. */
  add(mount: () => void): () => void {
    let cancelled = false;
    this.queue.push(() => {
      if (!cancelled) mount();
    });
    if (!this.draining) {
      this.draining = true;
      this.task(this.drain);
    }
    return () => {
      cancelled = true;
    };
  }

  private readonly drain = (): void => {
    const next = this.queue.shift();
    if (!next) {
      this.draining = false;
      return;
    }
    next();
    // A new task per lab: the browser may paint and handle input between two mounts.
    this.task(this.drain);
  };
}
