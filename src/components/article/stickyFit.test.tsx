// @vitest-environment jsdom
/** The sticky diagram stays sticky only while it leaves most of the screen to the list below it. */
import { act, cleanup, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStickyFit } from './stickyFit';

let height = 0;
const observers: (() => void)[] = [];

beforeEach(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private cb: () => void) {
        observers.push(() => this.cb());
      }
      observe() {}
      disconnect() {}
    },
  );
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(
    () => ({ height }) as DOMRect,
  );
  Object.defineProperty(window, 'innerHeight', { value: 800, configurable: true });
});
afterEach(() => {
  cleanup();
  observers.length = 0;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function Probe() {
  const root = useRef<HTMLDivElement>(null);
  const sticky = useRef<HTMLDivElement>(null);
  useStickyFit(root, sticky);
  return (
    <div data-testid="root" ref={root}>
      <div ref={sticky} />
    </div>
  );
}

describe('useStickyFit', () => {
  it('is sticky, with its height as the list scroll margin, while the element is short', () => {
    height = 200;
    const { getByTestId } = render(<Probe />);
    const root = getByTestId('root');
    expect(root.dataset.sticky).toBe('on');
    expect(root.style.getPropertyValue('--sticky-h')).toBe('200px');
  });

  it('lets go once the element would take more than 40% of the screen', () => {
    height = 200;
    const { getByTestId } = render(<Probe />);
    height = 400;
    act(() => observers.forEach((o) => o()));
    const root = getByTestId('root');
    expect(root.dataset.sticky).toBe('off');
    expect(root.style.getPropertyValue('--sticky-h')).toBe('0px');
  });
});
