// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../model/worker/protocol';
import { RunHistory } from './run/runHistory';
import { TwinReadout } from './TwinReadout';

afterEach(cleanup);

function record(gradNorms: number[], signal: number[]): RunRecord {
  return {
    step: 0,
    loss: 0.7,
    accuracy: 0.5,
    gradNorms: Float32Array.from(gradNorms),
    signalGradNorms: Float32Array.from(signal),
    activationNorms: Float32Array.from(signal),
    finite: true,
  };
}

function historyWith(r: RunRecord): RunHistory {
  const h = new RunHistory();
  h.reset(1, 1);
  h.runs[0]!.step0 = r;
  h.runs[0]!.latest = r;
  return h;
}

describe('TwinReadout', () => {
  // stem 100, block layers 8, 4, 2, head 1000: the block ratio is 8 / 2 = 4, whereas the
  // stem/head ratio would be 0.1. The readout must match the article's definition.
  const r = record([100, 8, 4, 2, 1000], [30, 3, 1]);

  it('compares block 1 with the last block for weight gradients', () => {
    render(<TwinReadout history={historyWith(r)} names={['A']} view="weights" />);
    const text = screen.getByRole('list', { name: 'Readout' }).textContent ?? '';
    expect(text).toMatch(/ratio \(block 1a over the last block’s b\) 4 at step 0/);
  });

  it("gives the whole training set's loss and the test accuracy of the last evaluation, not a batch's loss", () => {
    const h = historyWith({ ...r, loss: 0.607 });
    h.runs[0]!.evals.push({
      step: 280,
      value: { trainLoss: 0.16, trainAccuracy: 0.95, testLoss: 0.2, testAccuracy: 0.94 },
    });
    render(<TwinReadout history={h} names={['A']} view="weights" />);
    const text = screen.getByRole('list', { name: 'Readout' }).textContent ?? '';
    expect(text).toMatch(/training loss 0\.16, test accuracy 0\.94 \(whole sets, step 280\)/);
    expect(text).not.toMatch(/0\.607/);
  });

  it('compares x_0 with x_n for signal gradients', () => {
    render(<TwinReadout history={historyWith(r)} names={['A']} view="signal" />);
    expect(screen.getByRole('list', { name: 'Readout' }).textContent).toMatch(
      /ratio \(x₀ over xₙ\) 30 at step 0/,
    );
  });
});
