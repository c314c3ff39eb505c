/**
 * One lab trains at a time. Each lab's worker competes for the same few cores (two on a small
 * laptop, fewer on a phone), so when a lab starts training every other lab on the page pauses.
 */
const training = new Map<symbol, () => void>();

/** Lab `me` starts training: every other training lab is stopped through its `stop`. */
export function claimTraining(me: symbol, stop: () => void): void {
  for (const [lab, stopOther] of [...training]) {
    if (lab !== me) {
      training.delete(lab);
      stopOther();
    }
  }
  training.set(me, stop);
}

/** Lab `me` stopped training (paused, stepped, reset or gone). */
export function releaseTraining(me: symbol): void {
  training.delete(me);
}
