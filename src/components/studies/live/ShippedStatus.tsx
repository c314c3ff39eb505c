import { backendName } from '../../common/backendName';
import type { Loaded } from './figureHooks';

/**
 * What a figure with shipped results shows until they are there: a status line while they load,
 * or an alert saying why they could not. Null once loaded (the figure draws them).
 */
export function ShippedStatus<F>({ loaded, what }: { loaded: Loaded<F>; what: string }) {
  if (loaded === null)
    return (
      <p className="figure-status" role="status">
        Loading {what}…
      </p>
    );
  if ('error' in loaded)
    return (
      <p className="figure-status" role="alert">
        The figure could not open: {loaded.error}.
      </p>
    );
  return null;
}

/**
 * Where a figure's precomputed results come from, for its caption. The command that made them
 * (`npm run sweep …`) stays in the file and the README: it means something only to a reader with
 * the repository.
 */
export function Precomputed({ backend }: { backend: string }) {
  return (
    <>
      Precomputed for this page by the same engine as the labs, on its {backendName(backend)}{' '}
      backend.
    </>
  );
}
