// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PathLengthChart } from './PathLengthChart';

afterEach(cleanup);

describe('PathLengthChart', () => {
  it('draws one bar per path length and follows the block count', () => {
    const { container } = render(<PathLengthChart initialBlocks={54} />);
    expect(container.querySelectorAll('rect.bar')).toHaveLength(55);
    // Veit et al.: about 98% of ResNet-110's paths have 19 to 35 blocks.
    expect(screen.getByText(/98\.02% of them pass through 19 to 35 blocks/)).toBeTruthy();
    expect(container.querySelectorAll('rect.bar.in-band')).toHaveLength(13);

    fireEvent.change(screen.getByLabelText('Blocks in the network'), { target: { value: '110' } });
    expect(container.querySelectorAll('rect.bar')).toHaveLength(111);
    const heights = [...container.querySelectorAll('rect.bar')].map((r) =>
      Number(r.getAttribute('height')),
    );
    expect(heights.every((h) => Number.isFinite(h) && h >= 0)).toBe(true);
    expect(container.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toMatch(
      /110-block residual network/,
    );
    // At 110 blocks Veit et al.'s band, measured at 54, is scaled with the depth and says so:
    // 5/54 and 17/54 of 110 are 10.2 and 34.6. Its 26 lengths hold about 1e-4 of the paths.
    expect(container.querySelectorAll('rect.bar.in-band')).toHaveLength(26);
    expect(container.querySelector('.band text')?.textContent).toBe('10–35 blocks, scaled');
    expect(
      screen.getByText(
        /Paths of 10–35 blocks \(Veit et al.'s 5–17 of 54, scaled\): 0\.01% of all paths/,
      ),
    ).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Blocks in the network'), { target: { value: '54' } });
    expect(container.querySelector('.band text')?.textContent).toBe('5–17 blocks');
    expect(screen.getByText(/Paths of 5–17 blocks: 0\.45% of all paths/)).toBeTruthy();
  });

  it('says "1 block", and keeps the band label above the bars', () => {
    const { container } = render(<PathLengthChart initialBlocks={1} />);
    expect(container.querySelector('output')?.textContent).toBe('1 block');
    fireEvent.change(screen.getByLabelText('Blocks in the network'), { target: { value: '10' } });
    const label = container.querySelector('.band text')!;
    const tops = [...container.querySelectorAll('rect.bar')].map((r) =>
      Number(r.getAttribute('y')),
    );
    expect(Number(label.getAttribute('y'))).toBeLessThan(Math.min(...tops));
  });
});
