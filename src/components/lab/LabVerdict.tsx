/**
 * The guide around a lab's run: what to look for, and once the run is over (every network
 * diverged or reached its step limit) a verdict built from the measured numbers (verdict.ts).
 * The verdict says plainly when this run does not show the lab's claim (amber), and when the
 * reader's settings differ from the lab's, so that there is no claim to judge (grey, with why).
 */
import { FIELD_RULES, type ExperimentConfig } from '../../model/engine/config';
import { DATASET_CLASSES } from '../../model/engine/data/classes';
import { preset, type ClaimKind, type PresetId } from '../../model/labs/presets';
import { presetText } from '../../model/labs/preset-texts';
import { verdict, type RunOutcome, type Verdict } from '../../model/labs/verdict';
import type { RunHistory } from './run/runHistory';

const sameValue = (a: unknown, b: unknown) =>
  a === b || (Array.isArray(a) && JSON.stringify(a) === JSON.stringify(b));

/** The preset's claim when `nets` are its networks up to the seed, else null (only report). */
export function claimFor(id: PresetId, nets: readonly ExperimentConfig[]): ClaimKind | null {
  const p = preset(id);
  const fields = (Object.keys(FIELD_RULES) as (keyof ExperimentConfig)[]).filter(
    (f) => f !== 'seed',
  );
  const same =
    nets.length === p.nets.length &&
    nets.every((n, i) => fields.every((f) => sameValue(n[f], p.nets[i]![f])));
  return same ? p.claim : null;
}

/**
 * Each run's outcome from the history: its divergence or its last evaluation on the whole
 * training and test sets (batch norm in inference mode).
 */
export function outcomesOf(
  history: RunHistory,
  nets: readonly ExperimentConfig[],
): RunOutcome[] | null {
  // Twin nets share their data (the shared fields), so the first net's set is every run's.
  const dataset = nets[0]?.dataset;
  if (!dataset) return null;
  const classes = DATASET_CLASSES[dataset];
  const out: RunOutcome[] = [];
  for (const run of history.runs) {
    if (run.diverged) {
      out.push({
        trainLoss: NaN,
        testAccuracy: 0,
        diverged: true,
        divergedAtStep: run.diverged.step,
        classes,
      });
      continue;
    }
    const last = run.evals.at(-1);
    if (!last) return null;
    out.push({
      trainLoss: last.value.trainLoss,
      testAccuracy: last.value.testAccuracy,
      diverged: false,
      divergedAtStep: null,
      classes,
    });
  }
  return out.length > 0 ? out : null;
}

/** The verdict on a finished run, or null while it runs. */
export function runVerdict(
  id: PresetId,
  nets: readonly ExperimentConfig[],
  history: RunHistory,
): (Verdict & { judged: boolean }) | null {
  const outcomes = history.done ? outcomesOf(history, nets) : null;
  if (!outcomes) return null;
  const claim = claimFor(id, nets);
  return { ...verdict(claim, outcomes), judged: claim !== null && outcomes.length === nets.length };
}

/** "Look for: …", above the plots. */
export function LookFor({ id }: { id: PresetId }) {
  return (
    <p className="lab-lookfor">
      <strong>Look for:</strong> {presetText(id).lookFor}
    </p>
  );
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
  const v = runVerdict(id, nets, history);
  const state = !v ? 'pending' : v.judged ? (v.holds ? 'holds' : 'fails') : 'reported';
  return (
    <p
      className={`lab-verdict ${state}`}
      role="status"
      data-testid="lab-verdict"
      data-holds={v ? String(v.holds) : undefined}
    >
      {v ? (
        <>
          {/* Step k is measured before its update: steps 0 … k are k + 1 updates. */}
          <strong>After {history.step + 1} training steps:</strong> {v.text}
          {state === 'reported' ? (
            <span className="lab-verdict-why">
              {' '}
              These settings differ from the lab&apos;s, so the run is reported, not judged against
              its claim.
            </span>
          ) : null}
        </>
      ) : (
        'The verdict appears here when the run ends.'
      )}
    </p>
  );
}
