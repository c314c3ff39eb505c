/**
 * The run controls every live figure shares: a Run button that becomes Cancel while a run is
 * busy, a progress bar (indeterminate until there is something to count) and a status line.
 */
export function LiveActions(props: {
  busy: boolean;
  runLabel: string;
  onRun: () => void;
  onCancel: () => void;
  /** null before the first run; 'indeterminate' while nothing can be counted yet. */
  progress: { value: number; max: number } | 'indeterminate' | null;
  progressLabel: string;
  status: string;
  statusTestId: string;
}) {
  const { progress } = props;
  return (
    <>
      <div className="live-sweep-actions">
        {props.busy ? (
          <button type="button" className="plot-button" onClick={props.onCancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="plot-button" onClick={props.onRun}>
            {props.runLabel}
          </button>
        )}
        {progress === 'indeterminate' ? (
          <progress aria-label={props.progressLabel} />
        ) : progress ? (
          <progress value={progress.value} max={progress.max} aria-label={props.progressLabel} />
        ) : null}
      </div>
      <p className="live-sweep-status" role="status" data-testid={props.statusTestId}>
        {props.status}
      </p>
    </>
  );
}
