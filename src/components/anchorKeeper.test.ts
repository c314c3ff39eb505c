// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnchorKeeper, holdInView, keepAnchors, type FrameClock } from './anchorKeeper';

/** A clock whose frames run when the test says, each `ms` apart. */
function fakeFrames(ms = 16) {
  let t = 0;
  let queue: (() => void)[] = [];
  const clock: FrameClock = { now: () => t, frame: (f) => queue.push(f) };
  const step = (n = 1) => {
    for (let i = 0; i < n; i++) {
      t += ms;
      const q = queue;
      queue = [];
      q.forEach((f) => f());
    }
  };
  return { clock, step, pending: () => queue.length };
}

/** A target whose top the test moves, and a window whose scrollBy moves it back. */
function page() {
  document.body.innerHTML = '<h2 id="far">Far</h2>';
  const target = document.getElementById('far')!;
  let top = 0;
  target.getBoundingClientRect = () => ({ top }) as DOMRect;
  target.scrollIntoView = vi.fn(() => (top = 0));
  const scrollBy = vi.spyOn(window, 'scrollBy').mockImplementation(((o: ScrollToOptions) => {
    top -= o.top ?? 0;
  }) as typeof window.scrollBy);
  return { target, scrollBy, grow: (px: number) => (top += px), top: () => top };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  delete document.documentElement.dataset.anchor;
});

describe('the anchor keeper', () => {
  it('scrolls to the target and holds it while content above it grows', () => {
    const p = page();
    const f = fakeFrames();
    const keeper = new AnchorKeeper(document, { clock: f.clock, quietMs: 100 });
    expect(keeper.hold('#far')).toBe(true);
    // Instant jumps: a smooth one would pass every lab on the way and bring each near.
    expect(p.target.scrollIntoView).toHaveBeenCalledWith({ block: 'start', behavior: 'instant' });
    expect(document.documentElement.dataset.anchor).toBe('holding');
    p.grow(1857);
    f.step();
    expect(p.scrollBy).toHaveBeenLastCalledWith({ top: 1857, behavior: 'instant' });
    expect(p.top()).toBe(0);
    p.grow(400);
    f.step(3);
    expect(p.top()).toBe(0);
    // Still for 100 ms: let go.
    f.step(7);
    expect(document.documentElement.dataset.anchor).toBe('settled');
    expect(f.pending()).toBe(0);
    p.grow(50);
    f.step();
    expect(p.top()).toBe(50);
  });

  it('follows the element that replaces its target under the same id (a lab mounting)', () => {
    const p = page();
    const f = fakeFrames();
    const keeper = new AnchorKeeper(document, { clock: f.clock, quietMs: 100 });
    keeper.hold('#far');
    // The placeholder goes; the lab that replaces it sits 1480 px further down.
    const lab = document.createElement('section');
    lab.id = 'far';
    let top = 1480;
    lab.getBoundingClientRect = () => ({ top }) as DOMRect;
    p.scrollBy.mockImplementation(((o: ScrollToOptions) => {
      top -= o.top ?? 0;
    }) as typeof window.scrollBy);
    p.target.replaceWith(lab);
    f.step();
    expect(p.scrollBy).toHaveBeenLastCalledWith({ top: 1480, behavior: 'instant' });
    expect(top).toBe(0);
    expect(document.documentElement.dataset.anchor).toBe('holding');
    f.step(8);
    expect(document.documentElement.dataset.anchor).toBe('settled');
  });

  it('lets go as soon as the reader scrolls or types', () => {
    const p = page();
    const f = fakeFrames();
    new AnchorKeeper(document, { clock: f.clock }).hold('#far');
    document.dispatchEvent(new Event('wheel'));
    expect(document.documentElement.dataset.anchor).toBe('reader');
    p.grow(300);
    f.step(2);
    expect(p.top()).toBe(300);
  });

  it('gives up after maxMs if the page never settles', () => {
    const p = page();
    const f = fakeFrames(100);
    new AnchorKeeper(document, { clock: f.clock, quietMs: 1000, maxMs: 500 }).hold('#far');
    for (let i = 0; i < 10; i++) {
      p.grow(10);
      f.step();
    }
    expect(document.documentElement.dataset.anchor).toBe('timeout');
  });

  it('ignores a hash that names nothing, and decodes one that is escaped', () => {
    page();
    const f = fakeFrames();
    const keeper = new AnchorKeeper(document, { clock: f.clock });
    expect(keeper.hold('#nothing')).toBe(false);
    expect(keeper.hold('#')).toBe(false);
    expect(keeper.hold('#%66ar')).toBe(true);
    expect(keeper.hold('#%E0%A4%A')).toBe(false);
  });

  it('holds the address’s target at load and after a hash change, until stopped', () => {
    const p = page();
    const f = fakeFrames();
    history.replaceState(null, '', '#far');
    const stop = keepAnchors(window, { clock: f.clock, quietMs: 50 });
    expect(p.target.scrollIntoView).toHaveBeenCalledTimes(1);
    f.step(5);
    expect(document.documentElement.dataset.anchor).toBe('settled');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(document.documentElement.dataset.anchor).toBe('holding');
    stop();
    expect(document.documentElement.dataset.anchor).toBe('detached');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(document.documentElement.dataset.anchor).toBe('detached');
    history.replaceState(null, '', '#');
  });
});

describe('holdInView', () => {
  it('asks the page’s keeper to hold an element, and only scrolls where there is none', () => {
    const p = page();
    const f = fakeFrames();
    holdInView(p.target);
    expect(p.target.scrollIntoView).toHaveBeenCalledTimes(1);
    expect(document.documentElement.dataset.anchor).toBeUndefined();
    const stop = keepAnchors(window, { clock: f.clock });
    holdInView(p.target);
    expect(document.documentElement.dataset.anchor).toBe('holding');
    p.grow(700);
    f.step();
    expect(p.top()).toBe(0);
    stop();
  });
});
