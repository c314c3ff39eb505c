/**
 * The sentences a figure's caption ends with once its shipped file is there: the configuration the
 * results were made with, their seeds, and where they were computed.
 */
import type { ReactNode } from 'react';
import { Precomputed } from './ShippedStatus';

/**
 * Nothing until `file` is there; then " Configuration: `describe(spec)`; seeds 1, 2, 3." (and
 * "Held-out seeds 4, 5, 6 check the claims." when the spec has some), any `children` (more on how
 * the results were measured), and where they were computed.
 */
export function ShippedConfiguration<
  S extends { seeds: readonly number[]; heldOutSeeds?: readonly number[] },
>({
  file,
  describe,
  children,
}: {
  file: { spec: S; backend: string } | null;
  describe: (spec: S) => string;
  children?: ReactNode;
}) {
  if (!file) return null;
  return (
    <>
      {' '}
      Configuration: {describe(file.spec)}; seeds {file.spec.seeds.join(', ')}.{' '}
      {file.spec.heldOutSeeds?.length ? (
        <>Held-out seeds {file.spec.heldOutSeeds.join(', ')} check the claims. </>
      ) : null}
      {children ? <>{children} </> : null}
      <Precomputed backend={file.backend} />
    </>
  );
}
