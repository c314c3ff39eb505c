/**
 * The paragraphs after the degradation figure. Their numbers come from the shipped sweep
 * (public/sweeps/degradation.json), the file the figure draws: the build's prerender reads it
 * from disk, so the text reads with scripts off, and the browser fetches it once for the figure
 * and the text. Until it is there the browser keeps the prerendered numbers (each sits alone in a
 * span that tells React to keep the server's text). Each claim is checked on seeds 1–3 and on the
 * held-out seeds 4–6 by tests/shipped/degradation.test.ts, which quotes it.
 */
import { useRef } from 'react';
import type { OptimizerName } from '../../model/engine/config';
import type { SweepFile } from '../../model/studies/degradation/spec';
import {
  loadShippedSweep,
  prerenderedSweep,
} from '../../components/studies/degradation/DegradationFigure';
import {
  degradationNumbers,
  type DegradationNumbers,
} from '../../components/studies/degradation/degradationData';
import { useShipped } from '../../components/studies/live/figureHooks';
import { Cite } from '../Cite';
import { FigRef, LabRef } from '../Ref';

/** A number of blocks in words: "32 blocks". */
const blocks = (n: number) => `${n} block${n === 1 ? '' : 's'}`;

/** Text read from the shipped file: the prerendered text stays until the file is there. */
function Data({ children }: { children: string }) {
  return <span suppressHydrationWarning>{children}</span>;
}

/**
 * `pick` of the numbers of `optimizer` on the seeds the page reports, as a depth in words (the
 * test checks that the held-out seeds give the same). "…" until the file is there.
 */
function quoted(
  file: SweepFile | null,
  optimizer: OptimizerName,
  pick: (n: DegradationNumbers) => number | null,
): string {
  const value = file && pick(degradationNumbers(file, optimizer));
  return value ? blocks(value) : '…';
}

/** The plain nets that diverged under `optimizer`, deepest first, on all the seeds, in words. */
function divergedText(file: SweepFile | null, optimizer: OptimizerName): string {
  if (!file) return '…';
  const seeds = [...file.spec.seeds, ...file.spec.heldOutSeeds];
  const diverged = degradationNumbers(file, optimizer, seeds).plainDiverged.reverse();
  // None would leave the sentence without a subject; the test rules that out.
  if (diverged.length === 0) return '…';
  return diverged
    .map((d, i) => {
      const net =
        i === 0 ? `the plain net of ${blocks(d.blocks)}` : `the one of ${blocks(d.blocks)}`;
      const at =
        d.steps.length === 1
          ? `at step ${d.steps[0]}`
          : `between steps ${d.steps[0]} and ${d.steps.at(-1)}`;
      const on =
        d.seeds === seeds.length ? 'on every seed' : `on ${d.seeds} of the ${seeds.length} seeds`;
      return `${net} ${i === 0 ? 'diverges ' : ''}${at} ${on}`;
    })
    .join(', and ');
}

export function DegradationText() {
  const where = useRef<HTMLParagraphElement>(null);
  const loaded = useShipped(loadShippedSweep, where);
  const file = loaded && 'file' in loaded ? loaded.file : prerenderedSweep();
  const momentum = file?.spec.optimizers.find((o) => o.optimizer === 'momentum');
  const adamFrom = file && degradationNumbers(file, 'adam').plainAtChanceFrom;
  return (
    <>
      <p ref={where}>
        <FigRef id="degradation" /> repeats He et al.&apos;s comparison of plain nets of growing
        depth <Cite id="he2015" /> on a two-class spiral, with dense blocks instead of convolutions.
        Up to <Data>{quoted(file, 'adam', (n) => n.plainFitsUpTo)}</Data>, plain nets fit the
        training set as residual ones do. Deeper, the plain nets end worse, and from{' '}
        <Data>{quoted(file, 'adam', (n) => n.plainAtChanceFrom)}</Data> on they sit at chance, while
        residual nets of every depth fit. The deep plain net is behind from its first steps: it is
        not overfitting. In the <Data>{file ? String(file.spec.base.steps) : '…'}</Data> steps of
        these runs it never fits at all.
      </p>
      <p>
        That is harsher than He et al.&apos;s result, where the plain net of 56 layers trained, to a
        higher error than the one of 20. Ours, from{' '}
        <Data>{adamFrom ? `${blocks(adamFrom)} (${2 * adamFrom + 2} weight layers)` : '…'}</Data>{' '}
        on, learn nothing in those steps. The toy reproduces the direction of the effect, not its
        size, and says nothing about images or the test set.
      </p>
      <p>
        &ldquo;Optimiser shown&rdquo; switches to SGD with momentum 0.9, He et al.&apos;s optimiser,
        at a learning rate of <Data>{momentum ? String(momentum.learningRate) : '…'}</Data>. Plain
        nets still fit up to <Data>{quoted(file, 'momentum', (n) => n.plainFitsUpTo)}</Data> and sit
        at chance from <Data>{quoted(file, 'momentum', (n) => n.plainAtChanceFrom)}</Data> on; what
        changes is how the deepest fail. Batch norm makes a deep plain net&apos;s gradients grow
        toward its input (
        <LabRef id="exploding" />
        ), and SGD&apos;s steps grow with them, where Adam scales each step by its weight&apos;s own
        gradients. Under SGD <Data>{divergedText(file, 'momentum')}</Data>: they blow up rather than
        degrade.
      </p>
    </>
  );
}
