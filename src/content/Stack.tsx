import { Katex } from '../components/Katex';
import { Cite } from './Cite';
import { LossLandscapes } from './LossLandscapes';
import { DepthExplorer } from '../components/article/DepthExplorer';
import { Figure } from '../components/article/Figure';
import { LesionFigure } from '../components/article/LesionFigure';
import { PathGradientFigure } from '../components/article/PathGradientFigure';
import { PathLengthChart } from '../components/article/PathLengthChart';
import { ShatteredGradients } from './ShatteredGradients';
import { Section, SubHeading } from './Section';
import { texNumber } from './labNumbers';
import {
  atScale,
  factorRange,
  fixedRange,
  PATHS_NUMBERS,
  percent,
  shareRange,
} from './pathNumbers';

const N = PATHS_NUMBERS.blocks;
const SHORT = PATHS_NUMBERS.shortLength;
const SHORT_PATHS = PATHS_NUMBERS.shortPathShare;
/** The figure's branch scale (the smallest) and unscaled branches. */
const SMALL = PATHS_NUMBERS.scales[0]!;
const ONE = atScale(1);
/** The largest estimate, over both scales, of the trained single paths' summed sizes. */
const TRAINED_PATHS = Math.max(...PATHS_NUMBERS.scales.map((s) => s.pathCancellation.trained[1]));
const SEEDS = `${PATHS_NUMBERS.seeds[0]} to ${PATHS_NUMBERS.seeds.at(-1)}`;
const HELD_OUT = `${PATHS_NUMBERS.heldOutSeeds[0]} to ${PATHS_NUMBERS.heldOutSeeds.at(-1)}`;

/** Section 4: the stack of blocks, the exact sum, the linear expansion into 2^n paths. */
export function Stack() {
  return (
    <Section id="stack">
      <p>
        Stack <Katex tex="n" /> blocks and number them from zero: block <Katex tex="l" /> takes{' '}
        <Katex tex="x_l" /> and returns <Katex tex="x_{l+1} = x_l + F_l(x_l)" punct="," /> so the
        last one, <Katex tex="F_{n-1}" punct="," /> produces <Katex tex="x_n" punct="." /> (For this
        section, ignore the activation that the original block applies after the addition; the
        pre-activation block of the pre-activation section has none, and there the equations hold
        exactly.) Pick a depth and the equations below are written out for it, block by block.
      </p>
      <Figure
        wide
        id="depth-explorer"
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
        Three statements are on display, and they need different assumptions. The{' '}
        <strong>sum</strong> follows from adding up the lines of the stack: every{' '}
        <Katex tex="x_l" /> in the middle appears once on the left and once on the right, and what
        is left is <Katex tex="x_n = x_0 + \sum_l F_l(x_l)" punct="." /> It is exact for any
        functions <Katex tex="F_l" punct="." /> The <strong>Jacobian</strong> follows from the chain
        rule: each block contributes the factor{' '}
        <Katex tex="\partial x_{l+1}/\partial x_l = {I + J_l}" punct="," /> with <Katex tex="J_l" />{' '}
        the Jacobian of <Katex tex="F_l" /> at <Katex tex="x_l" punct=";" /> this too is exact for
        any differentiable <Katex tex="F_l" punct="." /> The <strong>product</strong> and its
        expansion into <Katex tex="2^n" /> terms need every <Katex tex="F_l" /> to be linear, so
        that <Katex tex="{F_1(x_0 + F_0 x_0)} = F_1 x_0 + F_1 F_0 x_0" punct="." /> Real branches
        contain ReLUs and batch norm and are not linear, so the path picture is an idealisation. But
        the Jacobian product has exactly the same shape: multiply out{' '}
        <Katex tex="{(I + J_{n-1})} \cdots {(I + J_0)}" /> and you get the same <Katex tex="2^n" />{' '}
        terms with <Katex tex="J" /> in place of <Katex tex="F" punct="." /> For gradients, which is
        what training cares about, the paths are not an approximation. They are not independent
        networks either: each <Katex tex="J_l" /> is evaluated at <Katex tex="x_l" punct="," />{' '}
        which depends on every block before it, so a change to one block changes the factors of the
        paths through the blocks after it. Reading the paths as an ensemble of shallow networks, as
        the next paragraphs do, is an interpretation of an exact expansion.
      </p>
      <aside className="note" aria-label="A note on indices">
        <p>
          <strong>A slip worth avoiding.</strong> It is easy to write the stack starting with{' '}
          <Katex tex="x_1 = x_0 + F_1(x_0)" /> and ending with{' '}
          <Katex tex="x_n = x_{n-1} + F_{n-1}(x_{n-1})" punct="." /> The two ends then use different
          conventions (the block that produces <Katex tex="x_l" /> is called <Katex tex="F_l" /> at
          the start and <Katex tex="F_{l-1}" /> at the end): read literally, the last two lines both
          use <Katex tex="F_{n-1}" /> and <Katex tex="F_n" /> never appears. Either index choice
          works if it is kept throughout; here block <Katex tex="l" /> is{' '}
          <Katex tex="F_l" punct="," /> from <Katex tex="F_0" /> to{' '}
          <Katex tex="F_{n-1}" punct="." /> Expansions of the stack are also often written for
          linear branches. Only the split into paths needs that: the sum and the gradient product
          above hold without it.
        </p>
      </aside>
      <p>
        Grouped by how many blocks they pass through, the terms come in binomial numbers:{' '}
        <Katex tex="\binom{n}{k}" /> paths pass through exactly <Katex tex="k" /> blocks. One path,
        the identity, passes through none, and one passes through all of them. A plain network, by
        contrast, has only that last path. Veit, Wilber and Belongie took this picture literally: a
        residual network behaves like an ensemble of many networks of different depths that share
        weights <Cite id="veit2016" />. Deleting any single block of a trained ResNet at test time
        barely changes its error (the blocks that change resolution aside), while deleting any
        single layer of a plain VGG network drops it to chance; deleting several blocks degrades the
        ResNet smoothly, the way removing members of an ensemble would.
      </p>
      <LesionFigure />
      <p>
        The figure repeats the experiment on two of our networks of 24 blocks: a plain sigmoid
        network with batch norm, which trains (batch norm rescues it, as a later section shows), and
        the same network with skip connections. Both fit the circles data. Delete a typical single
        block of the plain network and its test error goes to about chance; delete any number of
        random blocks and it stays there. Delete a typical single block of the residual network and
        its error barely moves; delete more and its error grows with their number: with one or two
        blocks gone it is still far from chance, with half of them gone it is at chance. This is the
        ensemble-like behaviour Veit et al. describe <Cite id="veit2016" />, on seeds 1 to 3. It
        does not show that a residual network is an ensemble of independent shallow networks: its
        paths share their weights and were trained together, and a few of its blocks (the spikes in
        the first plot) do matter on their own. Nor does a toy task with dense blocks say how large
        the effect is in a convolutional network on images.
      </p>
      <SubHeading id="path-lengths">Path lengths beyond n = 8</SubHeading>
      <p>
        With 54 blocks, the number in ResNet-110, there are{' '}
        <Katex tex="2^{54} \approx 1.8\times10^{16}" /> paths. Their lengths follow the binomial
        distribution: the average path passes through 27 blocks and about 98% of all paths pass
        through between 19 and 35 <Cite id="veit2016" />. Slide the depth up to 110 blocks to see
        the distribution narrow around its middle.
      </p>
      <Figure
        wide
        caption={
          <>
            Share of the <Katex tex="2^n" /> paths by the number of blocks they pass through,{' '}
            <Katex tex="\binom{n}{k}/2^n" punct="." /> At 54 blocks the shaded band marks paths of 5
            to 17 blocks, which carried almost all of the gradient in Veit et al.&apos;s 54-block
            network <Cite id="veit2016" />. At other depths it covers the same fractions of the
            depth, 5/54 to 17/54, and is labelled &ldquo;scaled&rdquo;: a guide, as nobody measured
            it there.
          </>
        }
      >
        <PathLengthChart initialBlocks={54} />
      </Figure>
      <p>
        Counting paths is not the same as counting gradient. Veit et al. measured how much gradient
        a path of each length carries in a trained ResNet-110 and found that it falls exponentially
        with the length, roughly as if every extra block on a path multiplied its gradient by a
        factor below one. Weighted by how many paths there are of each length, almost all of the
        gradient during training comes from paths 5 to 17 blocks long <Cite id="veit2016" />. By the
        binomial count those paths are fewer than half a percent of all the paths (0.45% at 54
        blocks, as the chart shows). A 110-layer ResNet is trained, in effect, through its short
        paths, which is one way to see why depth stops hurting.
      </p>
      <p>
        The figure below makes that measurement on the residual network of the lesion figure, and
        makes it exactly. In the backward pass each block either hands the gradient straight through
        its shortcut or through its branch; a path is a choice of the blocks whose branch it takes.
        Add up the terms of all the paths that take <Katex tex="k" /> branches and you get one
        vector, <Katex tex="G_k" punct="," /> the gradient that the paths of length{' '}
        <Katex tex="k" /> deliver to the first block together. The vectors of all lengths add up to
        the gradient that backpropagation computes,{' '}
        <Katex tex="\partial L/\partial x_0 = \sum_k G_k" punct="." />
      </p>
      <p>
        None of the <Katex tex={`2^{${N}} \\approx ${texNumber(2 ** N)}`} /> paths has to be
        visited. Going down the stack, a path arrives at <Katex tex="x_l" /> having taken{' '}
        <Katex tex="k" /> branches in one of two ways: it arrived at <Katex tex="x_{l+1}" /> with{' '}
        <Katex tex="k" /> branches and takes block <Katex tex="l" punct="'s" /> shortcut, or it
        arrived with <Katex tex="k-1" /> and takes the branch. With <Katex tex="G^{(l)}_k" /> the
        sum over the paths from the top down to <Katex tex="x_l" /> and{' '}
        <Katex tex="G^{(n)}_0 = \partial L/\partial x_n" punct="," />
      </p>
      <Katex
        tex="G^{(l)}_k = G^{(l+1)}_k + G^{(l+1)}_{k-1}\,J_l, \qquad G_k = G^{(0)}_k."
        display
      />
      <p>
        That is one backward pass through a single branch for each block and length,{' '}
        <Katex tex={`n(n+1)/2 = ${(N * (N + 1)) / 2}`} /> in all. On a network of four blocks the
        sums equal the sixteen paths added one by one, and on the figure&apos;s networks the{' '}
        <Katex tex="G_k" /> add up to backpropagation&apos;s gradient to within{' '}
        <Katex tex={texNumber(PATHS_NUMBERS.largestSumError, 1)} /> of its size, which is rounding.
      </p>
      <PathGradientFigure />
      <p>
        Most paths are about half as long as the network, {N / 2} blocks here, but the gradient
        comes mostly from shorter ones. Measure each length by the size of its sum,{' '}
        <Katex tex="\lVert G_k \rVert" punct="." /> The paths of at most {SHORT} blocks, a quarter
        of the depth, are {percent(SHORT_PATHS)} of all paths. At the figure&apos;s branch scale of{' '}
        {SMALL.branchScale} they deliver {shareRange(SMALL.shortShare.init)} of the summed sizes at
        initialisation and {shareRange(SMALL.shortShare.trained)} after training; with unscaled
        branches (branch scale 1), {shareRange(ONE.shortShare.init)} and{' '}
        {shareRange(ONE.shortShare.trained)}. Weighted the same way, the average path is{' '}
        {fixedRange(SMALL.meanLength.init)} blocks long at initialisation and{' '}
        {fixedRange(SMALL.meanLength.trained)} after training at branch scale {SMALL.branchScale},
        and {fixedRange(ONE.meanLength.init)} and {fixedRange(ONE.meanLength.trained)} at branch
        scale 1. Training moves the gradient to shorter paths at both scales.
      </p>
      <p>
        Part of this belongs to the branch scale. Multiplying every branch by {SMALL.branchScale}{' '}
        shrinks every <Katex tex="J_l" punct="," /> so each further branch on a path costs more:
        short paths carry a larger share at {SMALL.branchScale} than at 1, before and after
        training. The pattern itself, a gradient made by paths far shorter than the typical one and
        shorter still after training, holds at both scales. These are the figures of seeds {SEEDS};
        every statement here also holds, with the same thresholds, on seeds {HELD_OUT}, which played
        no part in setting them. The readout gives each seed&apos;s figures.
      </p>
      <p>
        Veit et al. measured single paths, and the figure&apos;s second plot does too, from{' '}
        {PATHS_NUMBERS.samples} sampled paths of each length. Each further block on a path
        multiplies the gradient it carries by about {fixedRange(SMALL.decayPerBlock.init, 2)} at
        initialisation and {fixedRange(SMALL.decayPerBlock.trained, 2)} after training at branch
        scale {SMALL.branchScale} ({fixedRange(ONE.decayPerBlock.init, 2)} and{' '}
        {fixedRange(ONE.decayPerBlock.trained, 2)} at 1).
      </p>
      <p>
        The terms of single paths do not add up like their sizes. At initialisation their norms add
        up to {factorRange(SMALL.pathCancellation.init)} times the norm of the gradient they make
        together at branch scale {SMALL.branchScale}, and {factorRange(ONE.pathCancellation.init)}{' '}
        times at 1 (an estimate from the sampled paths): millions of terms point in different
        directions, and almost all of their size cancels. Even the exact{' '}
        <Katex tex="G_k" punct="," /> added up as sizes, come to{' '}
        {fixedRange(SMALL.lengthCancellation.init)} times the gradient (
        {fixedRange(ONE.lengthCancellation.init)} at 1). After training the terms line up: the sizes
        of the <Katex tex="G_k" /> add up to only {fixedRange(SMALL.lengthCancellation.trained)}{' '}
        times the gradient ({fixedRange(ONE.lengthCancellation.trained)} at 1), and those of the
        sampled single paths to at most {factorRange([TRAINED_PATHS, TRAINED_PATHS])} times. So the
        shares above are shares of summed sizes, not a split of the gradient, and the per-path plot
        shows how a path&apos;s size falls with its length, not how much of the gradient it makes.
      </p>
      <p>
        Veit et al.&apos;s network was a convolutional ResNet-110 trained on images{' '}
        <Cite id="veit2016" />; ours are dense sigmoid networks of {N} blocks on a toy task. The
        figure shows the pattern they found, not how strong it is in a network like theirs.
      </p>
      <ShatteredGradients />
      <LossLandscapes />
    </Section>
  );
}
