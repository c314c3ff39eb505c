/**
 * What the numbers say, in one or two sentences: each network's first/last gradient ratio now and
 * at step 0 (how much larger the input side's gradient is than the output side's), and its latest
 * loss and test accuracy on the whole sets (batch norm in inference mode).
 */
import { summariseRatio, formatValue } from '../plots';
import type { RunHistory } from './run/runHistory';

export function TwinReadout(props: {
  history: RunHistory;
  names: string[];
  view: 'weights' | 'signal';
}) {
  const { history, names, view } = props;
  const quantity = view === 'weights' ? 'weight gradient' : 'signal gradient';
  // The tick names of the profile plot: "1a" is block 1's first weight layer, "b" the second.
  const between = view === 'weights' ? ' (block 1a over the last block’s b)' : ' (x₀ over xₙ)';
  const parts = history.runs.map((run, i) => {
    if (!run.latest || !run.step0) return null;
    // Weights: block 1's first layer over block n's last layer, as the article and the claim
    // tests measure it. The stem and head have other shapes (inputs × width, width × classes),
    // so including them would compare unlike matrices.
    const pick = (r: NonNullable<typeof run.latest>) =>
      view === 'weights'
        ? r.gradNorms.length > 2
          ? r.gradNorms.subarray(1, r.gradNorms.length - 1)
          : r.gradNorms
        : r.signalGradNorms;
    // The whole training set's loss, as the verdict judges it: one batch's loss jumps from batch
    // to batch and read 0.61 beside a test accuracy of 0.94.
    const evaluation = run.evals.at(-1);
    const now = summariseRatio(pick(run.latest));
    const init = summariseRatio(pick(run.step0));
    return (
      <li key={i} data-run={i === 0 ? 'a' : 'b'}>
        <strong>{names[i]}</strong>: first/last {quantity} ratio{between}{' '}
        <span className="lab-ratio-init">{init.text}</span> at step 0
        {run.latest.step > 0 ? (
          <>
            , <span className="lab-ratio-now">{now.text}</span> at step {run.latest.step}
          </>
        ) : null}
        {evaluation ? (
          <>
            ; training loss {formatValue(evaluation.value.trainLoss, { zero: 'plain' })}, test
            accuracy {evaluation.value.testAccuracy.toFixed(2)} (whole sets, step {evaluation.step})
          </>
        ) : null}
        {run.diverged ? ' (diverged)' : ''}.
      </li>
    );
  });
  if (parts.every((p) => p === null)) return null;
  return (
    <ul className="lab-twin-readout" aria-label="Readout">
      {parts}
    </ul>
  );
}
