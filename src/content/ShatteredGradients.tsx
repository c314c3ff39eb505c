import { Katex } from '../components/Katex';
import { ShatteredFigure } from '../components/article/ShatteredFigure';
import { Cite } from './Cite';
import { SubHeading } from './Section';
import { figureLabel } from './numbering';
import { FigRef } from './Ref';
import { SHATTERED_HELD_OUT, SHATTERED_NUMBERS } from './shatteredNumbers';

/**
 * Part of the section "Other views of why it works": gradients that look like noise (Balduzzi et al. 2017), its figure, and what
 * the figure shows of the shortcut and of the branch scale. Every number is read from the
 * figure's shipped file (shatteredNumbers.ts); scripts/shattered.test.ts holds each sentence to it.
 */
export function ShatteredGradients() {
  const n = SHATTERED_NUMBERS;
  const [full, small] = n.scales;
  const heldOutSmall = SHATTERED_HELD_OUT.scales[1];
  if (!full || !small || !heldOutSmall) throw new Error('shattered.json: two branch scales');
  return (
    <>
      <SubHeading id="shattered-gradients">Gradients that look like noise</SubHeading>
      <p>
        Balduzzi et al. looked at the gradient of the output with respect to the input,{' '}
        <Katex tex="\partial f/\partial x" punct="," /> at many evenly spaced inputs of networks at
        initialisation. In a deep plain network it changes so fast from one input to the next that
        it looks like white noise; with skip connections it stays correlated far deeper{' '}
        <Cite id="balduzzi2017" />. They suggest that a gradient like noise is a poor guide for the
        optimiser. That is their hypothesis: <FigRef id="shattered" /> measures{' '}
        <Katex tex="\partial f/\partial x" /> only, not the weight gradients the optimiser follows.
      </p>
      <ShatteredFigure label={figureLabel('shattered')} />
      <p>
        The figure walks a line through the input plane, records the derivative of the output along
        it at {n.points} points, and asks how alike two values are that lie k points apart: their
        autocorrelation, near 1 for a smooth curve and near 0 for white noise. r₁ is its value
        between neighbours. Unlike Balduzzi et al., whose input is a single number, our line is one
        direction through a plane, and each seed is shown on its own rather than averaged.
      </p>
      <p>
        With one block, plain or residual, r₁ is {n.shallowest}. By {n.noiseDepth} blocks the plain
        network&apos;s r₁ is {n.plainAtNoise}, and its autocorrelation is near 0 at every lag up to{' '}
        {n.maxLag} (within {n.plainWhite} of it on average), as white noise&apos;s is. The shortcut
        alone, each branch added at full size (scale {full.scale}), slows this down: at{' '}
        {n.noiseDepth} blocks the residual network&apos;s r₁ is still {full.wherePlainShatters}, and
        it falls to {n.halfLevel} only at {full.overPlain} times the plain network&apos;s depth. By{' '}
        {n.deepest} blocks it is below {n.residualDeepestLine} on every seed ({full.deepest}).
      </p>
      <p>
        Scaling each branch by {small.scale} slows it much further. At {n.noiseDepth} blocks r₁ is
        then {small.wherePlainShatters}, and it falls to {n.halfLevel} at {small.overPlain} times
        the plain network&apos;s depth, {small.overPreviousScale} times that at scale {full.scale}.
        It still falls: below {n.residualDeepestLine} by {n.deepest} blocks on every seed (
        {small.deepest}). So the shortcut slows the shattering, a small branch scale slows it more,
        and neither stops it. These are seeds {n.seeds}; seeds {SHATTERED_HELD_OUT.seeds} pass the
        same lines, though there the smaller scale&apos;s lead over scale {full.scale} is{' '}
        {heldOutSmall.overPreviousScale} times the depth.
      </p>
    </>
  );
}
