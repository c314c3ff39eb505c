import { LandscapeFigure } from '../components/article/LandscapeFigure';
import { Cite } from './Cite';
import { LANDSCAPE_HELD_OUT, LANDSCAPE_NUMBERS } from './landscapeNumbers';
import { SubHeading } from './Section';

/**
 * Part of section 4: the shape of the loss (Li et al. 2018), its figure, what it shows under their
 * protocol (batch-norm statistics frozen at the trained net), what recomputing the statistics
 * changes, and what it does not show. Every number is read from the figure's shipped file
 * (landscapeNumbers.ts); scripts/landscape.test.ts holds each sentence to it.
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
        Li, Xu, Taylor, Studer and Goldstein looked at the loss itself. They drew it on a plane
        through a trained network&apos;s weights, along two random directions scaled to the size of
        each unit&apos;s weights so that the picture does not depend on how the weights happen to be
        scaled. Without skip connections, the surface around the minimum of a deep network turned
        chaotic as depth grew; with them it stayed smooth and close to convex <Cite id="li2018" />.
        Their code evaluates every point of the plane with batch norm in inference mode: each layer
        goes on normalising with the trained network&apos;s statistics while the weights move.
      </p>
      <p>
        The figure below opens with that protocol, for a plain and a residual network of {n.depths}{' '}
        blocks, ReLU with batch norm. So that the two are compared at comparable losses rather than
        after the same number of steps, each is trained until its loss on the whole training set is
        at most {n.targetLoss}: the residual networks get there within {n.residualSteps} steps, the
        plain ones take {shallowSteps.steps} steps at {shallowSteps.blocks} blocks,{' '}
        {middleSteps.steps} at {middleSteps.blocks} and {deepSteps.steps} at {deepSteps.blocks}.
      </p>
      <LandscapeFigure />
      <p>
        Under Li et al.&apos;s protocol neither slice is chaotic: on seeds {n.seeds}, at every
        depth, each has at most {n.frozenMostMinima} local minima on the grid. What tells them apart
        is how sharp the basin is. The plain network&apos;s loss stays below chance (ln 2, the loss
        of a coin toss) on {n.plainBelowChance} of the plane, the residual network&apos;s on{' '}
        {n.residualBelowChance}, and along the rim of the plane the plain network&apos;s loss is{' '}
        {n.rimRatio} times the residual network&apos;s (medians over the rim). The plain
        network&apos;s walls steepen with depth: from {n.shallow} to {n.deep} blocks the median on
        its rim rises {n.plainRise}-fold, the residual network&apos;s {n.residualRise}-fold. That is
        what frozen statistics lead one to expect. Nothing undoes a step&apos;s change to the scale
        of a layer&apos;s output; in a plain network these changes compound from layer to layer,
        while in a residual one each block&apos;s change is added to the identity path.
      </p>
      <p>
        Recomputing the statistics at each point measures something else. A point of the plane is
        then another network, with a normalisation of its own: each layer divides its input by that
        input&apos;s own spread, which undoes much of a step&apos;s rescaling, and the loss levels
        off near chance instead of exploding. What is left is fine structure, and there the two
        differ in kind: the plain slice has {n.recomputedPlainMinima} local minima on the grid, the
        residual one at most {n.recomputedResidualMostMinima}. That is the chaotic against smooth of
        Li et al.&apos;s pictures, but in these networks it appears only with statistics their code
        does not use; under their protocol the contrast is a sharp basin against a wide one.
      </p>
      <p>
        These numbers are for seeds {n.seeds}, which set the lines the claims are tested against;
        seeds {h.seeds} pass the same lines (there the plain network&apos;s loss is below chance on{' '}
        {h.plainBelowChance} of the plane, the residual network&apos;s on {h.residualBelowChance}).
        A plane is two directions out of tens of thousands, so the figure shows what a random slice
        looks like, not the whole surface or the path the optimiser took. That a wide basin is
        easier to train in is Li et al.&apos;s argument, which the figure illustrates but does not
        test. Nor are the two networks at the same stage of training: the residual ones reach the
        target loss within {n.residualSteps} steps, far sooner than the plain ones.
      </p>
    </>
  );
}
