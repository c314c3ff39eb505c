/** The labs mount one per task, in the order they asked, and an unmounted one is skipped. */
import { describe, expect, it } from 'vitest';
import { MountQueue } from './mountQueue';

/** A queue whose tasks run only when the test says: `next()` runs the oldest one. */
function scripted() {
  const tasks: (() => void)[] = [];
  const queue = new MountQueue((run) => tasks.push(run));
  return { queue, pending: () => tasks.length, next: () => tasks.shift()!() };
}

describe('MountQueue', () => {
  it('runs one mount per task, first asked first, and skips a cancelled one', () => {
    const { queue, pending, next } = scripted();
    const done: string[] = [];
    queue.add(() => done.push('a'));
    const cancel = queue.add(() => done.push('b'));
    queue.add(() => done.push('c'));
    cancel();
    expect(done).toEqual([]);
    expect(pending()).toBe(1);
    next();
    expect(done).toEqual(['a']);
    next();
    // b's turn passes without mounting it.
    expect(done).toEqual(['a']);
    next();
    expect(done).toEqual(['a', 'c']);
    // The queue is empty: one more task finds nothing and stops asking for tasks.
    next();
    expect(pending()).toBe(0);
    // Later requests start the queue again.
    queue.add(() => done.push('d'));
    next();
    expect(done).toEqual(['a', 'c', 'd']);
  });

  it('is one per page: two queues never wait for each other', () => {
    const one = scripted();
    const two = scripted();
    const done: string[] = [];
    one.queue.add(() => done.push('one'));
    two.queue.add(() => done.push('two'));
    two.next();
    expect(done).toEqual(['two']);
  });
});
