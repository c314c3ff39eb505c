// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { preset } from '../../model/labs/presets';
import { presetText } from '../../model/labs/preset-texts';
import type { Evaluation } from '../../model/engine/experiment';
import { claimFor, LabVerdict, LookFor } from './LabVerdict';
import { RunHistory } from './run/runHistory';

afterEach(cleanup);

const evaluation = ([trainLoss, testAccuracy]: [number, number]): Evaluation => ({
  trainLoss,
  trainAccuracy: testAccuracy,
  testLoss: trainLoss,
  testAccuracy,
});

type Fit = [trainLoss: number, testAccuracy: number];

/**
 * A finished twin run whose last evaluations on the whole sets are `a` and `b` (training loss,
 * test accuracy; null: A diverged at step 1).
 */
function finished(a: Fit | null, b: Fit, done = true): RunHistory {
  const h = new RunHistory();
  h.reset(1, 2);
  h.apply({ type: 'evaluation', generation: 1, step: 399, evals: [null, evaluation(b)] });
  if (a === null) h.apply({ type: 'diverged', generation: 1, run: 0, step: 1, message: 'x' });
  else h.apply({ type: 'evaluation', generation: 1, step: 399, evals: [evaluation(a), null] });
  h.apply({ type: 'status', generation: 1, running: false, stepsPerSecond: 9, step: 399, done });
  return h;
}

describe('LabVerdict', () => {
  const nets = preset('vanishing').nets;

  it('says what to look for, and waits for the end of the run', () => {
    render(<LookFor id="vanishing" />);
    expect(screen.getByText(/Look for:/).parentElement!.textContent).toContain(
      presetText('vanishing').lookFor,
    );
    render(
      <LabVerdict
        id="vanishing"
        nets={nets}
        history={finished([0.69, 0.5], [0.01, 0.99], false)}
      />,
    );
    expect(screen.getByTestId('lab-verdict').textContent).toMatch(/appears here when the run ends/);
  });

  it('judges on the whole training set’s loss and reports the test accuracy beside it', () => {
    render(
      <LabVerdict id="vanishing" nets={nets} history={finished([0.693, 0.5], [0.004, 0.99])} />,
    );
    const v = screen.getByTestId('lab-verdict');
    expect(v.dataset.holds).toBe('true');
    expect(v.className).toContain('holds');
    expect(v.textContent).toBe(
      'After 400 training steps: A stayed at chance (training loss 0.69, chance 0.69; test accuracy 0.50); ' +
        'B fit the training set (training loss 0.004; test accuracy 0.99).',
    );
  });

  it('says plainly when a run does not show the claim', () => {
    // Test accuracy 0.94 with a training loss of 0.16: a partial fit, which the claim needs full.
    render(
      <LabVerdict id="vanishing" nets={nets} history={finished([0.69, 0.52], [0.16, 0.94])} />,
    );
    const v = screen.getByTestId('lab-verdict');
    expect(v.dataset.holds).toBe('false');
    expect(v.className).toContain('fails');
    expect(v.textContent).toMatch(
      /B fit the training set partly \(training loss 0.16, chance 0.69; test accuracy 0.94\)\. This run does not show/,
    );
  });

  it('reports a divergence, and explains why a run with other settings is not judged', () => {
    const un = preset('unnormalised').nets;
    render(<LabVerdict id="unnormalised" nets={un} history={finished(null, [0.002, 1])} />);
    expect(screen.getByTestId('lab-verdict').textContent).toBe(
      'After 400 training steps: A diverged at step 1; B fit the training set (training loss 0.002; test accuracy 1.00).',
    );
    expect(claimFor('unnormalised', un)).toBe('diverges-vs-learns');
    expect(
      claimFor('unnormalised', [
        { ...un[0]!, seed: 7 },
        { ...un[1]!, seed: 7 },
      ]),
    ).toBe('diverges-vs-learns');
    const changed = [{ ...un[0]!, blocks: 4 }, un[1]!];
    expect(claimFor('unnormalised', changed)).toBeNull();
    cleanup();
    render(
      <LabVerdict id="unnormalised" nets={changed} history={finished([0.5, 0.7], [0.002, 1])} />,
    );
    const v = screen.getByTestId('lab-verdict');
    expect(v.className).toContain('reported');
    expect(v.textContent).toMatch(
      /settings differ from the lab's, so the run is reported, not judged/,
    );
  });

  it('compares per-block shortcut lists by value', () => {
    const cut = Array.from(
      { length: 24 },
      (_, l) => (l === 5 ? 'none' : 'identity') as 'none' | 'identity',
    );
    expect(claimFor('vanishing', [nets[0]!, { ...nets[1]!, skip: cut }])).toBeNull();
    const residual = preset('vanishing').nets[1]!;
    expect(claimFor('vanishing', [nets[0]!, { ...residual }])).toBe('fails-vs-learns');
  });
});
