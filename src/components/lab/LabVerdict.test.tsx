// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { preset } from '../../model/presets';
import type { Evaluation } from '../../model/experiment';
import { claimFor, LabVerdict } from './LabVerdict';
import { RunHistory } from './runHistory';

afterEach(cleanup);

const evaluation = (testAccuracy: number): Evaluation => ({
  trainLoss: 0.1,
  trainAccuracy: testAccuracy,
  testLoss: 0.1,
  testAccuracy,
});

/** A finished twin run whose last evaluations are `accA`, `accB` (null: A diverged at step 1). */
function finished(accA: number | null, accB: number, done = true): RunHistory {
  const h = new RunHistory();
  h.reset(1, 2);
  h.apply({ type: 'evaluation', generation: 1, step: 399, evals: [null, evaluation(accB)] });
  if (accA === null) h.apply({ type: 'diverged', generation: 1, run: 0, step: 1, message: 'x' });
  else h.apply({ type: 'evaluation', generation: 1, step: 399, evals: [evaluation(accA), null] });
  h.apply({ type: 'status', generation: 1, running: false, stepsPerSecond: 9, step: 399, done });
  return h;
}

describe('LabVerdict', () => {
  const nets = preset('vanishing').nets;

  it('says what to look for, and waits for the end of the run', () => {
    render(<LabVerdict id="vanishing" nets={nets} history={finished(0.5, 0.99, false)} />);
    expect(screen.getByText(/Look for:/).parentElement!.textContent).toContain(
      preset('vanishing').lookFor,
    );
    expect(screen.getByTestId('lab-verdict').textContent).toMatch(/appears here when the run ends/);
  });

  it('states the verdict from the measured numbers when the claim holds', () => {
    render(<LabVerdict id="vanishing" nets={nets} history={finished(0.5, 0.99)} />);
    const v = screen.getByTestId('lab-verdict');
    expect(v.dataset.holds).toBe('true');
    expect(v.textContent).toBe(
      'After 400 training steps: A stayed at chance: test accuracy 0.50; B learned: test accuracy 0.99.',
    );
  });

  it('says plainly when a run does not show the claim', () => {
    render(<LabVerdict id="vanishing" nets={nets} history={finished(0.52, 0.7)} />);
    const v = screen.getByTestId('lab-verdict');
    expect(v.dataset.holds).toBe('false');
    expect(v.textContent).toMatch(/B learned partly: test accuracy 0.70\. This run does not show/);
  });

  it('reports a divergence, and only reports once the reader changed the networks', () => {
    const un = preset('unnormalised').nets;
    render(<LabVerdict id="unnormalised" nets={un} history={finished(null, 1)} />);
    expect(screen.getByTestId('lab-verdict').textContent).toBe(
      'After 400 training steps: A diverged at step 1; B learned: test accuracy 1.00.',
    );
    expect(claimFor('unnormalised', un)).toBe('diverges-vs-learns');
    expect(
      claimFor('unnormalised', [
        { ...un[0]!, seed: 7 },
        { ...un[1]!, seed: 7 },
      ]),
    ).toBe('diverges-vs-learns');
    expect(claimFor('unnormalised', [{ ...un[0]!, blocks: 4 }, un[1]!])).toBeNull();
  });
});
