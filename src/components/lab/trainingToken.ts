/**
 * One lab trains at a time. Each lab's worker competes for the same few cores (two on a small
 * laptop, fewer on a phone). The reader's Train takes the token from whichever lab holds it; a
 * lab that scrolls into view and wants to start on its own waits until the token is free.
 */
const training = new Map<symbol, () => void>();
const waiting = new Map<symbol, () => void>();

/** Lab `me` starts training: every other training lab is stopped through its `stop`. */
export function claimTraining(me: symbol, stop: () => void): void {
  waiting.delete(me);
  for (const [lab, stopOther] of [...training]) {
    if (lab !== me) {
      training.delete(lab);
      stopOther();
    }
  }
  training.set(me, stop);
}

/** Lab `me` would like to start on its own: `start` runs now if no lab trains, else later. */
export function requestTraining(me: symbol, start: () => void): void {
  if (training.size === 0 || training.has(me)) start();
  else waiting.set(me, start);
}

/** Lab `me` no longer wants to start on its own (it left the screen, or the reader acted). */
export function cancelRequest(me: symbol): void {
  waiting.delete(me);
}

/** Lab `me` stopped training (paused, stepped, reset or gone); a waiting lab may start. */
export function releaseTraining(me: symbol): void {
  training.delete(me);
  waiting.delete(me);
  if (training.size > 0) return;
  const next = [...waiting].pop();
  if (next) {
    waiting.delete(next[0]);
    next[1]();
  }
}
