/**
 * The verdict line of a lab: after a run, what its measured numbers show, judged against the
 * preset's claim (presets.ts). It says plainly when a run (another seed, changed controls) does
 * not show the claim. Pure: the lab, the claims command and the tests call it alike.
 *
 * The labs' claims are about optimisation (whether a network fits its training data), so they
 * are judged on the loss over the whole training set, batch norm in inference mode, not on one
 * batch's loss (which jumps from batch to batch) nor on test accuracy (which a net that fits
 * partly can still score well on: 0.94 with a training loss of 0.16). The test accuracy is
 * reported beside it. The thresholds are in units of chance, ln(classes): the loss a net has when
 * it predicts every class as equally likely.
 */
import type { ClaimKind } from './presets';

/** A training loss at or below this share of chance (ln classes) has fit the training set. */
export const FITS = 0.1;
/** A training loss at or above this share of chance is still at chance. */
export const AT_CHANCE = 0.9;
/** How far above B's training loss (in shares of chance) A must end to have "fallen short". */
export const SHORT_BY = 0.15;

/** What one network's run ended with. */
export interface RunOutcome {
  /** Loss on the whole training set, batch norm in inference mode. */
  trainLoss: number;
  testAccuracy: number;
  diverged: boolean;
  divergedAtStep: number | null;
  /** Classes of the data: chance is ln(classes). */
  classes: number;
}

export interface Verdict {
  /** Whether the run shows the claim. */
  holds: boolean;
  /** One line built from the measured numbers. */
  text: string;
}

/** The loss of guessing: every class equally likely. */
export const chanceLoss = (classes: number) => Math.log(classes);

const loss = (x: number) => (x < 0.01 ? x.toFixed(3) : x.toFixed(2));
const acc = (x: number) => x.toFixed(2);

/** How a run ended, by its training loss. */
export type Fit = 'diverged' | 'fits' | 'partly' | 'chance';

/** The class of one outcome (see the thresholds above). */
export function fitOf(o: RunOutcome): Fit {
  if (o.diverged || !Number.isFinite(o.trainLoss)) return 'diverged';
  const share = o.trainLoss / chanceLoss(o.classes);
  if (share <= FITS) return 'fits';
  if (share >= AT_CHANCE) return 'chance';
  return 'partly';
}

/**
 * One network's outcome in words: "fit the training set (training loss 0.004, test accuracy
 * 1.00)", "stayed at chance (training loss 0.69, chance 0.69; test accuracy 0.50)", …
 */
export function describeOutcome(o: RunOutcome): string {
  const numbers = `training loss ${loss(o.trainLoss)}`;
  const test = `test accuracy ${acc(o.testAccuracy)}`;
  switch (fitOf(o)) {
    case 'diverged':
      return `diverged at step ${o.divergedAtStep}`;
    case 'fits':
      return `fit the training set (${numbers}; ${test})`;
    case 'chance':
      return `stayed at chance (${numbers}, chance ${loss(chanceLoss(o.classes))}; ${test})`;
    case 'partly':
      return `fit the training set partly (${numbers}, chance ${loss(chanceLoss(o.classes))}; ${test})`;
  }
}

const fits = (o: RunOutcome) => fitOf(o) === 'fits';
const atChance = (o: RunOutcome) => fitOf(o) === 'chance';

/** Whether outcomes [A] or [A, B] show `claim`. */
export function claimHolds(claim: ClaimKind, [a, b]: readonly RunOutcome[]): boolean {
  if (!a) return false;
  switch (claim) {
    case 'learns':
      return fits(a);
    case 'fails-vs-learns':
      return !!b && atChance(a) && fits(b);
    case 'short-vs-learns':
      return (
        !!b &&
        fits(b) &&
        (a.diverged || a.trainLoss >= b.trainLoss + SHORT_BY * chanceLoss(a.classes))
      );
    case 'both-learn':
      return !!b && fits(a) && fits(b);
    case 'diverges-vs-learns':
      return !!b && a.diverged && fits(b);
  }
}

/**
 * The verdict on finished outcomes [A] or [A, B] (B absent for one network). `claim` is the
 * preset's, or null when the reader changed the networks: then the line only reports.
 */
export function verdict(claim: ClaimKind | null, outcomes: readonly RunOutcome[]): Verdict {
  const [a, b] = outcomes;
  if (!a) return { holds: false, text: '' };
  const report = b
    ? `A ${describeOutcome(a)}; B ${describeOutcome(b)}.`
    : `The network ${describeOutcome(a)}.`;
  if (claim === null) return { holds: false, text: report };
  // A twin claim judged on one network (the reader switched the twin off) only reports.
  if (claim !== 'learns' && !b) return { holds: false, text: report };
  const holds = claimHolds(claim, outcomes);
  return {
    holds,
    text: holds ? report : `${report} This run does not show the lab's claim (see its text).`,
  };
}
