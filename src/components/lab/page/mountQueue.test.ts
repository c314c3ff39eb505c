/** The labs mount one per task, in the order they asked, and an unmounted one is skipped. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queueMount } from './mountQueue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('queueMount', () => {
  it('runs one mount per task, first asked first, and skips a cancelled one', async () => {
    const done: string[] = [];
    queueMount(() => done.push('a'));
    const cancel = queueMount(() => done.push('b'));
    queueMount(() => done.push('c'));
    cancel();
    expect(done).toEqual([]);
    await vi.advanceTimersToNextTimerAsync();
    expect(done).toEqual(['a']);
    await vi.advanceTimersToNextTimerAsync();
    // b's turn passes without mounting it.
    expect(done).toEqual(['a']);
    await vi.advanceTimersToNextTimerAsync();
    expect(done).toEqual(['a', 'c']);
    // Later requests start the queue again.
    queueMount(() => done.push('d'));
    await vi.runAllTimersAsync();
    expect(done).toEqual(['a', 'c', 'd']);
  });
});
