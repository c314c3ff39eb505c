/**
 * What the numbers say, in one or two sentences: each network's first/last gradient ratio now and
 * at step 0 (the plot's "how much smaller is the input side"), and its latest loss.
 */
import { summariseRatio, formatValue } from '../plots';
import type { RunHistory } from './runHistory';

export function TwinReadout(props: {
  history: RunHistory;
  names: string[];
  view: 'weights' | 'signal';
}) {
  const { history, names, view } = props;
  const quantity = view === 'weights' ? 'weight gradient' : 'signal gradient';
  const parts = history.runs.map((run, i) => {
    if (!run.latest || !run.step0) return null;
    const pick = (r: NonNullable<typeof run.latest>) =>
      view === 'weights' ? r.gradNorms : r.signalGradNorms;
    const now = summariseRatio(pick(run.latest));
    const init = summariseRatio(pick(run.step0));
    return (
      <li key={i} data-run={i === 0 ? 'a' : 'b'}>
        <strong>{names[i]}</strong>: first/last {quantity} ratio{' '}
        <span className="lab-ratio-init">{init.text}</span> at step 0
        {run.latest.step > 0 ? (
          <>
            , <span className="lab-ratio-now">{now.text}</span> at step {run.latest.step}
          </>
        ) : null}
        ; loss {formatValue(run.latest.loss, { zero: 'plain' })}
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
