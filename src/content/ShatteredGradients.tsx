import { Katex } from '../components/Katex';
import { ShatteredFigure } from '../components/article/ShatteredFigure';
import { Cite } from './Cite';
import { SubHeading } from './Section';
import { SHATTERED_HELD_OUT, SHATTERED_NUMBERS } from './shatteredNumbers';

/**
 * Part of section 4: gradients that look like noise (Balduzzi et al. 2017), its figure, and what
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
        A related view looks at the gradient of the output with respect to the input,{' '}
        <Katex tex="\partial f/\partial x" punct="." /> Balduzzi et al. computed it at many evenly
        spaced inputs of networks at initialisation. In a deep plain network it changes so quickly
        from one input to the next that it looks like white noise; with skip connections it loses
        its correlation far more slowly with depth <Cite id="balduzzi2017" />. They offer this
        shattering as one reason why deep plain networks train worse even when their gradients have
        a healthy size: a gradient that looks like noise would be a poor guide for the optimiser.
        That is their hypothesis. The figure below measures <Katex tex="\partial f/\partial x" />{' '}
        only, not the gradients of the weights that the optimiser follows, and tests nothing about
        training.
      </p>
      <ShatteredFigure />
      <p>
        The figure walks a straight line through the input plane of networks that have not been
        trained and records, at {n.points} evenly spaced points, the derivative of the output (the
        difference of the two logits) along the line: the component of{' '}
        <Katex tex="\partial f/\partial x" /> in the line&apos;s direction. Its autocorrelation
        function, Balduzzi et al.&apos;s measure, says how alike two of these values are that lie k
        points apart: near 1 for close neighbours on a smooth curve, near 0 beyond lag 0 for white
        noise. r₁ is its value at lag 1, between neighbours. Where we depart from their protocol is
        the input: theirs is a single number, so their line is the whole input space, while ours is
        one direction through a plane. The figure also shows each seed on its own, not an average
        over initialisations. Batch norm uses statistics over the line&apos;s points, held fixed
        while differentiating, so that each point&apos;s derivative belongs to that point alone.
      </p>
      <p>
        With one block, plain or residual, the derivative is a smooth curve: r₁ is {n.shallowest}.
        The plain network&apos;s roughens quickly with depth. By {n.noiseDepth} blocks its r₁ is{' '}
        {n.plainAtNoise}, and from there on its autocorrelation is near 0 at every lag up to{' '}
        {n.maxLag} (within {n.plainWhite} of it on average), as white noise&apos;s is. The shortcut
        alone, each branch added at full size (scale {full.scale}), slows this down: at{' '}
        {n.noiseDepth} blocks the residual network&apos;s r₁ is still {full.wherePlainShatters}, and
        it falls to {n.halfLevel} only at {full.overPlain} times the plain network&apos;s depth. By{' '}
        {n.deepest} blocks it is below {n.residualDeepestLine} on every seed ({full.deepest}).
      </p>
      <p>
        Scaling each branch by {small.scale} before the addition slows it much further. At{' '}
        {n.noiseDepth} blocks r₁ is then {small.wherePlainShatters}, and it falls to {n.halfLevel}{' '}
        at {small.overPlain} times the plain network&apos;s depth, {small.overPreviousScale} times
        that at scale {full.scale}. It still falls: below {n.residualDeepestLine} by {n.deepest}{' '}
        blocks on every seed ({small.deepest}). So in these networks the shortcut slows the
        shattering, a small branch scale slows it a good deal more, and neither stops it. These
        numbers are for seeds {n.seeds}, which set the lines the claims are tested against; seeds{' '}
        {SHATTERED_HELD_OUT.seeds} pass the same lines, though there the smaller scale&apos;s lead
        over scale {full.scale} is {heldOutSmall.overPreviousScale} times the depth.
      </p>
      <p>
        The figure shows untrained networks only. The evidence on this page that deep plain networks
        do train worse is the degradation figure.
      </p>
    </>
  );
}
