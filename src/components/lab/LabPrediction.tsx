/**
 * The question a lab asks before its first run (preset-texts.ts), and its answer once the run's
 * verdict is in: the reader commits to an outcome, then the run settles it. The answer is shown
 * only for a run at the lab's own settings, since the question is about those; after it, the
 * lab's "Try this" questions invite the next run.
 */
import { useId, useState } from 'react';
import type { PresetId } from '../../model/labs/presets';
import { presetText } from '../../model/labs/preset-texts';

/** `verdict`: whether the lab's run is over and judged (null while it runs). */
export function LabPrediction({
  id,
  verdict,
}: {
  id: PresetId;
  verdict: { judged: boolean } | null;
}) {
  const prediction = presetText(id).prediction;
  const name = useId();
  const [choice, setChoice] = useState<number | null>(null);
  if (!prediction) return null;
  const revealed = verdict?.judged === true;
  const answer = prediction.options[prediction.answer]!;
  return (
    <fieldset className="lab-prediction" data-revealed={String(revealed)}>
      <legend>Predict before you train</legend>
      <p className="lab-prediction-question">{prediction.question}</p>
      <div className="lab-prediction-options" role="radiogroup" aria-label={prediction.question}>
        {prediction.options.map((o, i) => (
          <label key={o}>
            <input
              type="radio"
              name={name}
              checked={choice === i}
              disabled={revealed}
              onChange={() => setChoice(i)}
            />
            {o}
          </label>
        ))}
      </div>
      {revealed ? (
        <p className="lab-prediction-answer" role="status" data-testid="lab-prediction-answer">
          <strong>
            {choice === null
              ? `The run's answer: ${answer}.`
              : choice === prediction.answer
                ? `You predicted it: ${answer}.`
                : `Not this time: the run's answer is “${answer}”.`}
          </strong>{' '}
          {prediction.because}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "Try this": the lab's questions for the next run, shown once a run is over. */
export function TryThis({ id }: { id: PresetId }) {
  const items = presetText(id).tryThis;
  if (items.length === 0) return null;
  return (
    <div className="lab-try">
      <p className="lab-try-title">
        <strong>Try this</strong>
      </p>
      <ul>
        {items.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </div>
  );
}
