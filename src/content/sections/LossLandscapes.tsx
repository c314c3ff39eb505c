import { LandscapeFigure } from '../../components/studies/landscape/LandscapeFigure';
import { Cite } from '../Cite';
import { LANDSCAPE_HELD_OUT, LANDSCAPE_NUMBERS } from '../numbers/landscapeNumbers';
import { SubHeading } from '../Section';
import { Aside } from '../Aside';
import { figureLabel } from '../numbering';
import { FigRef } from '../Ref';

/**
 * Part of the section "Other views of why it works": the shape of the loss (Li et al. 2018), its figure, what it shows under their
 * protocol (batch-norm statistics frozen at the trained net), what recomputing the statistics
 * changes, and what it does not show. Every number is read from the figure's shipped file
 * (landscapeNumbers.ts); tests/shipped/landscape.test.ts holds each sentence to it.
 */
export function LossLandscapes() {
  const n = LANDSCAPE_NUMBERS;
  const h = LANDSCAPE_HELD_OUT;
  const [shallowSteps, middleSteps, deepSteps] = n.plainSteps;
  if (!shallowSteps || !middleSteps || !deepSteps) throw new Error('landscape.json: three depths');
  return (
    <>
      <SubHeading id="loss-landscapes">The shape of the loss</SubHeading>
      <p>
        Li et al. drew the loss on a plane through a trained network&apos;s weights, along two
        random directions scaled to each unit&apos;s weights. Without skip connections a deep
        network&apos;s surface turned chaotic; with them it stayed smooth <Cite id="li2018" />.
        Their code keeps batch norm in inference mode: each layer normalises with the trained
        network&apos;s statistics while the weights move.
      </p>
      <p>
        <FigRef id="landscape" /> opens with that protocol, for a plain and a residual network of{' '}
        {n.depths} blocks, ReLU with batch norm. To compare them at comparable losses, each is
        trained until its loss on the whole training set is at most {n.targetLoss}: the residual
        networks get there within {n.residualSteps} steps, the plain ones take {shallowSteps.steps}{' '}
        steps at {shallowSteps.blocks} blocks, {middleSteps.steps} at {middleSteps.blocks} and{' '}
        {deepSteps.steps} at {deepSteps.blocks}.
      </p>
      <LandscapeFigure label={figureLabel('landscape')} />
      <p>
        Under Li et al.&apos;s protocol neither slice is chaotic: on seeds {n.seeds}, at every
        depth, each has at most {n.frozenMostMinima} local minima on the grid. The basins differ in
        sharpness. The plain network&apos;s loss stays below chance on {n.plainBelowChance} of the
        plane, the residual network&apos;s on {n.residualBelowChance}; along the rim the plain loss
        is {n.rimRatio} times the residual one, and from {n.shallow} to {n.deep} blocks its median
        rises {n.plainRise}-fold against {n.residualRise}-fold.
      </p>
      <Aside title="What a slice does not show.">
        Seeds {h.seeds} pass the same lines (the plain network&apos;s loss is below chance on{' '}
        {h.plainBelowChance} of the plane, the residual network&apos;s on {h.residualBelowChance}).
        A plane is a random slice, not the surface or the optimiser&apos;s path, and that a wide
        basin is easier to train in is Li et al.&apos;s argument, not tested here.
      </Aside>
      <p>
        Recomputing the statistics at each point gives every point a normalisation of its own, which
        undoes much of a step&apos;s rescaling, and the loss levels off near chance. What is left
        differs in kind: the plain slice has {n.recomputedPlainMinima} local minima on the grid, the
        residual one at most {n.recomputedResidualMostMinima}. That is the chaotic against smooth of
        Li et al.&apos;s pictures, but here it needs statistics their code does not use.
      </p>
    </>
  );
}
