/**
 * The part of a lab's status line that says what the worker is busy with (building the
 * networks, measuring step 0, …) and for how long. It appears only once a phase has lasted a
 * second, so that small networks, whose phases take milliseconds, never flicker; its own timer
 * re-renders it (and nothing else) once a second.
 */
import { useEffect, useState } from 'react';
import type { ExperimentConfig } from '../../model/engine/config';
import type { RunHistory } from './run/runHistory';
import { elapsedText, phaseText } from './page/progressText';

/** Shows `phase` (RunHistory.phase) of the lab's networks `nets` on the `backend` it asked for. */
export function LabProgress({
  phase,
  nets,
  backend,
}: {
  phase: RunHistory['phase'];
  nets: readonly ExperimentConfig[];
  backend?: string;
}) {
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!phase) return;
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, [phase]);
  if (!phase || now - phase.since < 1000) return null;
  return (
    <span className="lab-phase">
      {phaseText(phase.phase, phase.step, nets, backend)} {elapsedText(phase.since, now)}
    </span>
  );
}
