import { Katex } from '../../components/Katex';
import { ShatteredFigure } from '../../components/studies/shattered/ShatteredFigure';
import { Cite } from '../Cite';
import { SubHeading } from '../Section';
import { figureLabel } from '../numbering';
import { FigRef } from '../Ref';
import { SHATTERED_HELD_OUT, SHATTERED_NUMBERS } from '../numbers/shatteredNumbers';

/**
 * Part of the section "Other views of why it works": gradients that look like noise (Balduzzi et al. 2017), its figure, and what
 * the figure shows of the shortcut and of the branch scale. Every number is read from the
 * figure's shipped file (shatteredNumbers.ts); tests/shipped/shattered.test.ts holds each sentence to it.
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
        initialisation. In a deep plain network it changes so fast between neighbouring inputs that
        it looks like white noise; with skip connections it stays correlated far deeper. Noise, they
        suggest, is a poor guide for the optimiser <Cite id="balduzzi2017" />.{' '}
        <FigRef id="shattered" /> tests the first part only.
      </p>
      <ShatteredFigure label={figureLabel('shattered')} />
      <p>
        It records the derivative along a line through the input plane at {n.points} points and asks
        how alike two values k points apart are: their autocorrelation, near 1 for a smooth curve,
        near 0 for white noise; r₁ is its value between neighbours. Balduzzi et al.&apos;s input was
        a single number, and they averaged over seeds.
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
        Scaling each branch by {small.scale} slows it further: at {n.noiseDepth} blocks r₁ is{' '}
        {small.wherePlainShatters}, and it reaches {n.halfLevel} at {small.overPlain} times the
        plain network&apos;s depth, {small.overPreviousScale} times that at scale {full.scale}. It
        still falls, below {n.residualDeepestLine} by {n.deepest} blocks ({small.deepest}): the
        shortcut slows the shattering, a small branch scale slows it more, neither stops it. Seeds{' '}
        {SHATTERED_HELD_OUT.seeds} pass the same lines, with the smaller scale&apos;s lead{' '}
        {heldOutSmall.overPreviousScale} times the depth.
      </p>
    </>
  );
}
