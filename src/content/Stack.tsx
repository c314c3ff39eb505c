import { Katex } from '../components/Katex';
import { Cite } from './Cite';
import { DepthExplorer } from '../components/article/DepthExplorer';
import { Figure } from '../components/article/Figure';
import { LandscapeFigure } from '../components/article/LandscapeFigure';
import { LesionFigure } from '../components/article/LesionFigure';
import { PathGradientFigure } from '../components/article/PathGradientFigure';
import { PathLengthChart } from '../components/article/PathLengthChart';
import { ShatteredFigure } from '../components/article/ShatteredFigure';
import { Section, SubHeading } from './Section';

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
        ensemble-like behaviour Veit et al. describe <Cite id="veit2016" />. It holds on each of
        seeds 1 to 3, which the figure opens on, and on seeds 4 to 6, which were run only to check
        it once its criteria had been fixed on the first three (the seed picker offers them). It
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
            <Katex tex="\binom{n}{k}/2^n" punct="." /> The shaded band marks paths of 5 to 17
            blocks, which carried almost all of the gradient in Veit et al.&apos;s 54-block network{' '}
            <Cite id="veit2016" />.
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
        The figure below makes that measurement on the residual network of the lesion figure. In the
        backward pass each block either hands the gradient straight through its shortcut or through
        its branch; a path is a choice of the blocks whose branch it takes. For each length the
        figure samples such paths, measures the gradient each one delivers to the first block, and
        multiplies the average by the number of paths of that length. On a network of four blocks,
        where all sixteen paths can be listed, their terms add up, to rounding error, to the
        gradient that backpropagation computes.
      </p>
      <PathGradientFigure />
      <p>
        Every further block on a path multiplies the gradient it carries by a factor well below one,
        and training makes that factor smaller still. So although most paths are about half as long
        as the network, nine tenths of the gradient&apos;s magnitude at initialisation comes from
        paths no longer than half of it, and after training from paths no longer than a quarter of
        it: fewer than one path in fifty. This holds on seeds 1 to 3; the readout gives each
        seed&apos;s figures. Two cautions. The terms of different paths point in different
        directions and partly cancel, so the shares are of a sum of magnitudes, not a split of the
        gradient itself. And our branches are scaled by 0.15, which shrinks every branch&apos;s
        contribution and so favours short paths by construction: the figure shows the pattern Veit
        et al. found in ResNet-110 <Cite id="veit2016" />, not how strong it is in a network without
        that scale.
      </p>
      <SubHeading id="shattered-gradients">Gradients that look like noise</SubHeading>
      <p>
        A related view looks at the gradients themselves. In a deep plain network the gradient with
        respect to the input changes so quickly from one input to the next that it comes to look
        like white noise; with skip connections it decorrelates far more slowly with depth{' '}
        <Cite id="balduzzi2017" />. A gradient that looks like noise is a poor guide for the
        optimiser, whatever its size.
      </p>
      <ShatteredFigure />
      <p>
        The figure walks a line through the input plane of networks that have not been trained and
        records how the output changes along it. With one block, plain or residual, that derivative
        is a smooth curve (r₁ near 1). The plain network&apos;s curve roughens quickly with depth:
        by eight blocks its r₁ is below 0.2, as rough as noise, on seeds 1 to 3. At that depth the
        residual network&apos;s curve is still smooth (r₁ above 0.6), and it takes at least three
        times the depth for its r₁ to fall to 0.5. It does fall: by 64 blocks it is below 0.5 on
        every seed. So the skip connections slow the shattering down a great deal without stopping
        it in our networks, whose branches are scaled by 0.25. The figure shows untrained networks
        only; that rough gradients make training harder is Balduzzi et al.&apos;s argument{' '}
        <Cite id="balduzzi2017" />, and the degradation figure is the evidence on this page that
        deep plain networks do train worse.
      </p>
      <SubHeading id="loss-landscapes">The shape of the loss</SubHeading>
      <p>
        Li, Xu, Taylor, Studer and Goldstein looked at the loss itself. They drew it on a plane
        through a trained network&apos;s weights, along two random directions scaled to the size of
        each unit&apos;s weights so that the picture does not depend on how the weights happen to be
        scaled. Without skip connections, the surface around the minimum of a deep network turned
        chaotic as depth grew; with them it stayed smooth and close to convex <Cite id="li2018" />.
        The figure below does the same for two of our networks of 16 blocks, ReLU with batch norm,
        plain and residual, both trained to fit the circles data.
      </p>
      <LandscapeFigure />
      <p>
        On seeds 1 to 3 the plain network sits in a small, steep pit surrounded by rough ground: its
        slice has at least 20 local minima on the grid, and at 40% or more of the points the loss
        curves downward along the line from the trained weights. The residual network sits in one
        wide basin with at most five local minima, and the share of points where its loss curves
        downward is at least ten points lower. The readout gives each seed&apos;s counts. A plane is
        two directions out of tens of thousands, so the figure shows what a random slice looks like,
        not the whole surface or the path the optimiser took; that smooth surfaces are easier to
        train on is Li et al.&apos;s argument, which the figure illustrates but does not test. Both
        of these networks train, so the figure also shows that a plain network can fit the data from
        a rough neighbourhood.
      </p>
    </Section>
  );
}
