/**
 * The verdict line of a lab: after a run, what its measured numbers show, judged against the
 * preset's claim (presets.ts). It says plainly when a run (another seed, changed controls) does
 * not show the claim. Pure: the lab, the claims command and the tests call it alike.
 */
import type { ClaimKind } from './presets';

/** Test accuracy at or above which a network "learned". */
export const LEARNED = 0.95;
/** How far above chance (1/classes) a network may end and still count as "at chance". */
export const NEAR_CHANCE = 0.1;
/** How far below B a network must end to have "fallen short" of it. */
export const SHORT_BY = 0.1;

/** What one network's run ended with. */
export interface RunOutcome {
  testAccuracy: number;
  diverged: boolean;
  divergedAtStep: number | null;
  /** Classes of the data: chance is 1/classes. */
  classes: number;
}

export interface Verdict {
  /** Whether the run shows the claim. */
  holds: boolean;
  /** One line built from the measured numbers. */
  text: string;
}

const acc = (x: number) => x.toFixed(2);

/** One network's outcome in words: "learned: test accuracy 0.99", "stayed at chance, 0.50", … */
export function describeOutcome(o: RunOutcome): string {
  if (o.diverged) return `diverged at step ${o.divergedAtStep}`;
  if (o.testAccuracy >= LEARNED) return `learned: test accuracy ${acc(o.testAccuracy)}`;
  if (o.testAccuracy <= 1 / o.classes + NEAR_CHANCE)
    return `stayed at chance: test accuracy ${acc(o.testAccuracy)}`;
  return `learned partly: test accuracy ${acc(o.testAccuracy)}`;
}

const learned = (o: RunOutcome) => !o.diverged && o.testAccuracy >= LEARNED;
const atChance = (o: RunOutcome) => !o.diverged && o.testAccuracy <= 1 / o.classes + NEAR_CHANCE;

/** Whether outcomes [A] or [A, B] show `claim`. */
export function claimHolds(claim: ClaimKind, [a, b]: readonly RunOutcome[]): boolean {
  if (!a) return false;
  switch (claim) {
    case 'learns':
      return learned(a);
    case 'fails-vs-learns':
      return !!b && atChance(a) && learned(b);
    case 'short-vs-learns':
      return !!b && learned(b) && (a.diverged || a.testAccuracy <= b.testAccuracy - SHORT_BY);
    case 'both-learn':
      return !!b && learned(a) && learned(b);
    case 'diverges-vs-learns':
      return !!b && a.diverged && learned(b);
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
