import { Katex } from '../../components/Katex';
import { Cite } from '../Cite';
import { LossLandscapes } from './LossLandscapes';
import { DepthExplorer } from '../../components/article/DepthExplorer';
import { Figure } from '../../components/article/Figure';
import { LesionFigure } from '../../components/studies/lesion/LesionFigure';
import { PathGradientFigure } from '../../components/studies/paths/PathGradientFigure';
import { PathLengthChart } from '../../components/studies/paths/PathLengthChart';
import { ShatteredGradients } from './ShatteredGradients';
import { Section, SubHeading } from '../Section';
import { Aside, Takeaway } from '../Aside';
import { figureLabel } from '../numbering';
import { FigRef } from '../Ref';
import { texNumber } from '../numbers/labNumbers';
import { percentRange } from '../numbers/rangeText';
import { LESION_SPEC } from '../../model/studies/lesion/spec';
import { atScale, factorRange, fixedRange, PATHS_NUMBERS, percent } from '../numbers/pathNumbers';

/** Seeds as words: "1 to 3". */
const span = (seeds: readonly number[]) => `${seeds[0]} to ${seeds.at(-1)}`;
const N = PATHS_NUMBERS.blocks;
const SHORT = PATHS_NUMBERS.shortLength;
const SHORT_PATHS = PATHS_NUMBERS.shortPathShare;
/** The figure's branch scale (the smallest) and unscaled branches. */
const SMALL = PATHS_NUMBERS.scales[0]!;
const ONE = atScale(1);
const SEEDS = `${PATHS_NUMBERS.seeds[0]} to ${PATHS_NUMBERS.seeds.at(-1)}`;
const HELD_OUT = `${PATHS_NUMBERS.heldOutSeeds[0]} to ${PATHS_NUMBERS.heldOutSeeds.at(-1)}`;

/**
 * Section 5, "Other views of why it works": the unrolled stack, lesions, gradient by path length,
 * shattered gradients and loss landscapes.
 */
export function Stack() {
  return (
    <Section id="stack">
      <Takeaway>
        A residual network can be unrolled into many paths of different lengths; lesions, path
        gradients, input gradients and loss surfaces each show it behaving like its short paths.
      </Takeaway>
      <p>
        Stack <Katex tex="n" /> blocks and number them from zero: block <Katex tex="l" /> takes{' '}
        <Katex tex="x_l" /> and returns <Katex tex="x_{l+1} = x_l + F_l(x_l)" punct="," /> so{' '}
        <Katex tex="F_{n-1}" /> produces <Katex tex="x_n" punct="." />{' '}
        <FigRef id="depth-explorer" /> writes the stack out for the depth you pick, and expands it.
      </p>
      <Figure
        wide
        id="depth-explorer"
        label={figureLabel('depth-explorer')}
        caption={
          <>
            The stack for the depth you choose, and its expansion. Point at a term (or move through
            the terms with the arrow keys) to see its path through the unrolled network; point at a
            block or at the shortcut beside it to see every term that goes that way.
          </>
        }
      >
        <DepthExplorer initialDepth={3} />
      </Figure>
      <p>
        Three statements are on display. The <strong>sum</strong>,{' '}
        <Katex tex="x_n = x_0 + \sum_l F_l(x_l)" punct="," /> holds for any branches. So does the{' '}
        <strong>Jacobian</strong>: each block contributes the factor{' '}
        <Katex tex="{I + J_l}" punct="," /> with <Katex tex="J_l" /> the Jacobian of{' '}
        <Katex tex="F_l" /> at <Katex tex="x_l" punct="." /> The <strong>expansion</strong> into{' '}
        <Katex tex="2^n" /> terms needs linear branches, which ours are not; but multiplying out{' '}
        <Katex tex="{(I + J_{n-1})} \cdots {(I + J_0)}" /> gives the same <Katex tex="2^n" /> terms
        with <Katex tex="J" /> for <Katex tex="F" punct="," /> so for gradients the paths are exact.
        They are not independent networks, since each <Katex tex="J_l" /> depends on every block
        before it.
      </p>
      <SubHeading id="lesions">Deleting blocks</SubHeading>
      <p>
        <Katex tex="\binom{n}{k}" /> paths pass through exactly <Katex tex="k" /> blocks: one, the
        identity, through none, and one through all, which is all a plain network has. Veit, Wilber
        and Belongie read a residual network as an ensemble of these paths <Cite id="veit2016" />.
        Deleting a single block of a trained ResNet at test time barely changed its error, while
        deleting a layer of a plain VGG network dropped it to chance; deleting several blocks
        degraded the ResNet smoothly, as removing members of an ensemble would.{' '}
        <FigRef id="lesion" /> repeats the experiment.
      </p>
      <LesionFigure label={figureLabel('lesion')} />
      <p>
        Both of its networks have {LESION_SPEC.base.blocks} blocks and fit the{' '}
        {LESION_SPEC.base.dataset} data: a plain sigmoid network with batch norm, which lets it
        train, and the same network with skip connections. Delete a typical block of the plain
        network and its test error goes to about chance, and stays there however many go. Delete a
        typical block of the residual network and its error barely moves; it grows with the number
        deleted, still far from chance with one or two gone, at chance with half of them gone.
      </p>
      <Aside title="Ensemble-like, not an ensemble.">
        This holds on seeds {span(LESION_SPEC.seeds)} and on seeds {span(LESION_SPEC.heldOutSeeds)},
        run only to check it (the seed picker offers them). The paths share their weights and were
        trained together, and a few blocks (the spikes in the first plot) matter on their own{' '}
        <Cite id="veit2016" />.
      </Aside>
      <SubHeading id="which-paths">Which paths carry the gradient</SubHeading>
      <p>
        With 54 blocks, the number in ResNet-110, there are{' '}
        <Katex tex="2^{54} \approx 1.8\times10^{16}" /> paths, and their lengths follow the binomial
        distribution: most pass through about half the blocks (<FigRef id="path-lengths" />
        ). Veit et al. measured the gradient a single path of each length carries and found that it
        falls exponentially with the length, so that almost all of the gradient came from paths of 5
        to 17 blocks, fewer than half a percent of all paths <Cite id="veit2016" />.
      </p>
      <Figure
        wide
        id="path-lengths"
        label={figureLabel('path-lengths')}
        caption={
          <>
            Share of the <Katex tex="2^n" /> paths by the number of blocks they pass through,{' '}
            <Katex tex="\binom{n}{k}/2^n" punct="." /> At 54 blocks the shaded band marks paths of 5
            to 17 blocks, which carried almost all of the gradient in Veit et al.&apos;s 54-block
            network <Cite id="veit2016" />. At other depths it covers the same fractions of the
            depth and is labelled &ldquo;scaled&rdquo;: a guide, as nobody measured it there.
          </>
        }
      >
        <PathLengthChart initialBlocks={54} />
      </Figure>
      <p>
        <FigRef id="path-gradients" /> makes the measurement exactly, on the residual network of{' '}
        <FigRef id="lesion" />. Add up the terms of all paths that take <Katex tex="k" /> branches
        and you get one vector, <Katex tex="G_k" punct="," /> and the vectors of all lengths add up
        to the gradient, <Katex tex="\partial L/\partial x_0 = \sum_k G_k" punct="." /> None of the{' '}
        <Katex tex={`2^{${N}} \\approx ${texNumber(2 ** N)}`} /> paths need be visited: going down
        the stack, a path reaches <Katex tex="x_l" /> with <Katex tex="k" /> branches either through
        block <Katex tex="l" punct="'s" /> shortcut or through its branch, so
      </p>
      <Katex
        tex="G^{(l)}_k = G^{(l+1)}_k + G^{(l+1)}_{k-1}\,J_l, \qquad G_k = G^{(0)}_k,"
        display
      />
      <p>
        starting from <Katex tex="G^{(n)}_0 = \partial L/\partial x_n" punct="." /> That is{' '}
        <Katex tex={`n(n+1)/2 = ${(N * (N + 1)) / 2}`} /> backward passes through single branches.
        The <Katex tex="G_k" /> add up to backpropagation&apos;s gradient to within{' '}
        <Katex tex={texNumber(PATHS_NUMBERS.largestSumError, 1)} /> of its size.
      </p>
      <PathGradientFigure label={figureLabel('path-gradients')} />
      <p>
        Measure each length by the size of its sum, <Katex tex="\lVert G_k \rVert" punct="." /> The
        paths of at most {SHORT} blocks, a quarter of the depth, are {percent(SHORT_PATHS)} of all
        paths. At the figure&apos;s branch scale of {SMALL.branchScale} they deliver{' '}
        {percentRange(SMALL.shortShare.init)} of the summed sizes at initialisation and{' '}
        {percentRange(SMALL.shortShare.trained)} after training; with unscaled branches,{' '}
        {percentRange(ONE.shortShare.init)} and {percentRange(ONE.shortShare.trained)}. Part of this
        belongs to the scale, which makes every further branch cost more; the pattern holds at both.
      </p>
      <p>
        The terms also cancel. At initialisation the exact <Katex tex="G_k" /> add up, as sizes, to{' '}
        {fixedRange(SMALL.lengthCancellation.init)} times the gradient they make together (
        {fixedRange(ONE.lengthCancellation.init)} at scale 1), single paths to{' '}
        {factorRange(SMALL.pathCancellation.init)} times; after training the <Katex tex="G_k" />{' '}
        line up ({fixedRange(SMALL.lengthCancellation.trained)} times). So the shares split summed
        sizes, not the gradient itself.
      </p>
      <Aside title="Seeds, and what differs from Veit et al.">
        These figures are seeds {SEEDS}; every statement holds with the same thresholds on seeds{' '}
        {HELD_OUT}. Veit et al. measured a convolutional ResNet-110 on images; ours are dense
        sigmoid networks of {N} blocks on a toy task, and the single-path plot samples{' '}
        {PATHS_NUMBERS.samples} paths of each length.
      </Aside>
      <ShatteredGradients />
      <LossLandscapes />
    </Section>
  );
}
