/**
 * Above a lab's plots: one line on what to look for, and once the run is over (every network
 * diverged or reached its step limit) a verdict built from the measured numbers (verdict.ts),
 * which says plainly when this run does not show the lab's claim.
 */
import { FIELD_RULES, type ExperimentConfig } from '../../model/config';
import { preset, type ClaimKind, type PresetId } from '../../model/presets';
import { verdict, type RunOutcome } from '../../model/verdict';
import type { RunHistory } from './runHistory';

/** The preset's claim when `nets` are its networks up to the seed, else null (only report). */
export function claimFor(id: PresetId, nets: readonly ExperimentConfig[]): ClaimKind | null {
  const p = preset(id);
  const fields = (Object.keys(FIELD_RULES) as (keyof ExperimentConfig)[]).filter(
    (f) => f !== 'seed',
  );
  const same =
    nets.length === p.nets.length &&
    nets.every((n, i) => fields.every((f) => n[f] === p.nets[i]![f]));
  return same ? p.claim : null;
}

/** Each run's outcome from the history: its divergence or its last full-set evaluation. */
export function outcomesOf(
  history: RunHistory,
  nets: readonly ExperimentConfig[],
): RunOutcome[] | null {
  const out: RunOutcome[] = [];
  for (const [i, run] of history.runs.entries()) {
    const classes = nets[i]?.dataset === 'digits' ? 10 : 2;
    if (run.diverged) {
      out.push({ testAccuracy: 0, diverged: true, divergedAtStep: run.diverged.step, classes });
      continue;
    }
    const last = run.evals.at(-1);
    if (!last) return null;
    out.push({
      testAccuracy: last.value.testAccuracy,
      diverged: false,
      divergedAtStep: null,
      classes,
    });
  }
  return out.length > 0 ? out : null;
}

export function LabVerdict({
  id,
  nets,
  history,
}: {
  id: PresetId;
  nets: readonly ExperimentConfig[];
  history: RunHistory;
}) {
  const outcomes = history.done ? outcomesOf(history, nets) : null;
  const v = outcomes ? verdict(claimFor(id, nets), outcomes) : null;
  return (
    <div className="lab-guide">
      <p className="lab-lookfor">
        <strong>Look for:</strong> {preset(id).lookFor}
      </p>
      <p
        className={v ? (v.holds ? 'lab-verdict holds' : 'lab-verdict') : 'lab-verdict pending'}
        role="status"
        data-testid="lab-verdict"
        data-holds={v ? String(v.holds) : undefined}
      >
        {v ? (
          <>
            {/* Step k is measured before its update: steps 0 … k are k + 1 updates. */}
            <strong>After {history.step + 1} training steps:</strong> {v.text}
          </>
        ) : (
          'The verdict appears here when the run ends.'
        )}
      </p>
    </div>
  );
}
