/**
 * Keeps the target of an in-page link at the top of the viewport while the page settles. Why: the
 * page is rendered by script, and its labs and figures grow as they mount near the viewport, so
 * the page is about twice as tall a few seconds after load as at first paint. The browser scrolls
 * to a link's target once; anything that then grows above it pushes it down, off screen (a shared
 * `#lab-…` link used to open at the top of the page, and contents links missed by thousands of
 * pixels). The keeper scrolls to the target, then holds it in place frame by frame until the
 * layout has been still for `quietMs`, or the reader scrolls, types or touches: what the reader
 * does always wins.
 *
 * Timers come from `clock`, so that the tests drive it frame by frame.
 */

/** What the keeper needs of time. */
export interface FrameClock {
  now(): number;
  /** Calls `f` before the next frame (requestAnimationFrame). */
  frame(f: () => void): void;
}

const browserClock: FrameClock = {
  now: () => performance.now(),
  frame: (f) => requestAnimationFrame(() => f()),
};

/** Options of `AnchorKeeper`. */
export interface AnchorKeeperOptions {
  clock?: FrameClock;
  /** Released after the target has not moved for this long (default 1000 ms). */
  quietMs?: number;
  /** Released after this long whatever happens (default 15 s). */
  maxMs?: number;
}

/** The events that mean the reader is moving the page. */
const READER_EVENTS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

export class AnchorKeeper {
  private target: HTMLElement | null = null;
  /** The hash the target was found by, to find it again if it is replaced. */
  private hash = '';
  private startedAt = 0;
  private lastMoveAt = 0;
  private readonly clock: FrameClock;
  private readonly quietMs: number;
  private readonly maxMs: number;
  private readonly release = () => this.stop('reader');

  constructor(
    private readonly doc: Document,
    opts: AnchorKeeperOptions = {},
  ) {
    this.clock = opts.clock ?? browserClock;
    this.quietMs = opts.quietMs ?? 1000;
    this.maxMs = opts.maxMs ?? 15_000;
  }

  /** The element `hash` ("#id") names, if any. */
  private find(hash: string): HTMLElement | null {
    if (hash.length < 2) return null;
    let id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // A malformed escape: look the raw text up.
    }
    return this.doc.getElementById(id);
  }

  /** Scrolls to the element `hash` names and holds it there; false if there is none. */
  hold(hash: string): boolean {
    const target = this.find(hash);
    if (!target) return false;
    if (!this.target) for (const e of READER_EVENTS) this.doc.addEventListener(e, this.release);
    this.target = target;
    this.hash = hash;
    this.startedAt = this.lastMoveAt = this.clock.now();
    this.doc.documentElement.dataset.anchor = 'holding';
    // Instant, whatever the page's CSS says: a glide would bring every lab on the way near.
    target.scrollIntoView({ block: 'start', behavior: 'instant' });
    this.clock.frame(() => this.tick(target));
    return true;
  }

  /** Where the target's top should sit: its scroll-margin-top below the viewport's top. */
  private offset(target: HTMLElement): number {
    const view = this.doc.defaultView;
    const margin = view ? parseFloat(view.getComputedStyle(target).scrollMarginTop) : 0;
    return target.getBoundingClientRect().top - (Number.isFinite(margin) ? margin : 0);
  }

  private tick(held: HTMLElement): void {
    if (this.target !== held) return;
    let target = held;
    // A placeholder replaced by what it stood for (a lab mounting in place of its prerendered
    // placeholder) leaves the document: follow the element that now carries the same id.
    if (!target.isConnected) {
      const next = this.find(this.hash);
      if (!next) return this.stop('detached');
      this.target = target = next;
    }
    const t = this.clock.now();
    const off = this.offset(target);
    // A pixel either way is rounding, not a shift of the layout.
    if (Math.abs(off) > 1) {
      this.doc.defaultView?.scrollBy({ top: off, behavior: 'instant' });
      this.lastMoveAt = t;
    }
    if (t - this.lastMoveAt >= this.quietMs) return this.stop('settled');
    if (t - this.startedAt >= this.maxMs) return this.stop('timeout');
    this.clock.frame(() => this.tick(target));
  }

  /** Lets go of the target; `why` is left on the root element for tests and debugging. */
  stop(why: 'reader' | 'settled' | 'timeout' | 'detached' = 'detached'): void {
    if (!this.target) return;
    this.target = null;
    for (const e of READER_EVENTS) this.doc.removeEventListener(e, this.release);
    this.doc.documentElement.dataset.anchor = why;
  }
}

/** The event by which a component asks the page's keeper to bring an element into view and hold it. */
const HOLD_EVENT = 'residual:hold-in-view';

/**
 * Scrolls `el` (which needs an id) to the top and asks the page's keeper, if there is one, to hold
 * it there while the page settles; without a keeper it only scrolls.
 */
export function holdInView(el: HTMLElement): void {
  const view = el.ownerDocument.defaultView;
  if (!el.id || !view) return el.scrollIntoView?.();
  const handled = !view.dispatchEvent(
    new CustomEvent(HOLD_EVENT, { detail: `#${el.id}`, cancelable: true }),
  );
  if (!handled) el.scrollIntoView?.();
}

/**
 * Holds the target of the address's hash at load, and of every in-page link the reader follows
 * afterwards (clicks and history moves). Returns a function that stops listening.
 */
export function keepAnchors(win: Window, opts: AnchorKeeperOptions = {}): () => void {
  const keeper = new AnchorKeeper(win.document, opts);
  const onHash = () => keeper.hold(win.location.hash);
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
    const href = a?.getAttribute('href');
    if (!href || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey) return;
    // The same hash again fires no hashchange: hold it here as well, after the browser's scroll.
    if (href === win.location.hash) keeper.hold(href);
  };
  const onHold = (e: Event) => {
    const hash = (e as CustomEvent<string>).detail;
    if (typeof hash === 'string' && keeper.hold(hash)) e.preventDefault();
  };
  win.addEventListener('hashchange', onHash);
  win.addEventListener(HOLD_EVENT, onHold);
  win.document.addEventListener('click', onClick);
  if (win.location.hash) onHash();
  return () => {
    keeper.stop();
    win.removeEventListener('hashchange', onHash);
    win.removeEventListener(HOLD_EVENT, onHold);
    win.document.removeEventListener('click', onClick);
  };
}
