/**
 * What a lab says about its run apart from the plots: notices about the link it opened with,
 * networks shown from a run that ended earlier on the page, a worker's error, and each network
 * that diverged (as the lab expects, or as a fault).
 */
import type { RunHistory } from '../run/runHistory';
import { reusedText } from '../run/finishedRuns';

/** Notices about the link, with a Dismiss button; nothing when there are none. */
export function LinkNotices({ notices, dismiss }: { notices: string[]; dismiss: () => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="lab-notice" role="status" aria-label="Notice about the link">
      <p>Some settings in the link were not used:</p>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

export function RunMessages({
  history: h,
  names,
  twin,
  expectsDivergence,
}: {
  history: RunHistory;
  names: readonly string[];
  /** Whether the lab has two networks (A and B). */
  twin: boolean;
  /** Whether the lab's claim is that A diverges. */
  expectsDivergence: boolean;
}) {
  // Networks shown from a run that ended earlier on the page, in a sentence each.
  const reused = h.reused.flatMap((r, i) =>
    r ? [reusedText(twin ? (i === 0 ? 'A' : 'B') : 'The network', r)] : [],
  );
  return (
    <>
      {reused.length > 0 ? (
        <p className="lab-reused" data-testid="lab-reused">
          {reused.join(' ')}
        </p>
      ) : null}
      {h.error ? (
        <p className="lab-error" role="alert">
          {h.error}
        </p>
      ) : null}
      {h.runs.map((r, i) =>
        !r.diverged ? null : expectsDivergence && i === 0 ? (
          // The lab's claim is that A diverges: that is its result, not a fault to fix.
          <p key={i} className="lab-result-diverged" data-testid="lab-expected-divergence">
            {names[0]} diverged at step {r.diverged.step}, as this lab expects: its loss or its
            gradients are no longer finite, so its training stopped there.
          </p>
        ) : (
          <p key={i} className="lab-diverged" role="alert">
            {r.diverged.message}
          </p>
        ),
      )}
    </>
  );
}
