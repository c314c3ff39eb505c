import { Katex } from '../../components/Katex';
import { BlockDiagram } from '../../components/article/BlockDiagram';
import { Cite } from '../Cite';
import { Figure } from '../../components/article/Figure';
import { Aside, Takeaway } from '../Aside';
import { Section } from '../Section';
import { FigRef } from '../Ref';
import { figureLabel } from '../numbering';
import { DEFAULT_CONFIG } from '../../model/engine/config';

/** The original block as our labs train it: the default config with post-activation order. */
export const ORIGINAL_BLOCK = { ...DEFAULT_CONFIG, order: 'post' } as const;
/** The same layers without the shortcut. */
export const PLAIN_BLOCK = { ...ORIGINAL_BLOCK, skip: 'none' } as const;

/** Section 1: the residual block, what it asks its layers to learn and what it costs. */
export function ResidualBlock() {
  return (
    <Section id="residual-block">
      <Takeaway>
        A residual block learns a correction to its input and adds the input back.
      </Takeaway>
      <p>
        Take a network that works and put more layers on top. In principle the bigger network can do
        everything the smaller one did: the new layers only have to pass their input through. So a
        deeper network should never fit its training data worse. In 2015 it did: a plain network of
        56 layers reached a higher <em>training</em> error on CIFAR-10 than one of 20 layers{' '}
        <Cite id="he2015" />. The optimiser failed to find a solution the extra layers had made
        available (<FigRef id="degradation" /> repeats the experiment).
      </p>
      <p>
        Residual networks change what a group of layers, a <em>block</em>, is asked to learn.
        Instead of the next representation <Katex tex="H(x)" /> outright, the block&apos;s{' '}
        <em>branch</em> computes a correction <Katex tex="F(x)" punct="," /> and a <em>shortcut</em>{' '}
        adds the block&apos;s input back:
      </p>
      <Katex tex="x_{l+1} = x_l + F_l(x_l)." display />
      <Figure
        wide
        id="blocks-plain-original"
        label={figureLabel('blocks-plain-original')}
        caption={
          <>
            A plain block and the original residual block of He et al. <Cite id="he2015" />, drawn
            from the configuration our labs train: dense layers, batch norm, ReLU. They differ only
            in the shortcut and the addition. The shaded boxes after the addition lie on the path of
            every signal, shortcut or not.
          </>
        }
      >
        <div className="diagram-row">
          <BlockDiagram config={PLAIN_BLOCK} title="Plain block (no shortcut)" />
          <BlockDiagram config={ORIGINAL_BLOCK} title="Original residual block" />
        </div>
      </Figure>
      <p>
        The branch learns the residual <Katex tex="F(x) = H(x) - x" punct="." /> If the best a block
        can do is nothing, its branch only has to output zero, so a deep residual network contains
        every shallower one. He et al. put the benefit as a hypothesis: pushing a residual to zero
        should be easier for the optimiser than fitting an identity with a stack of nonlinear layers{' '}
        <Cite id="he2015" />. The labs below put it to the test.
      </p>
      <Aside title="Why the branch has two weight layers.">
        With one weight layer and nothing else the block computes{' '}
        <Katex tex="y = {(I + W)\,x}" punct="," /> a linear layer written another way, and He et al.
        saw no advantage from it <Cite id="he2015" />. Two layers with a nonlinearity between them
        make the branch a small network of its own. The deeper ImageNet ResNets use three-layer
        &ldquo;bottleneck&rdquo; branches, still with one shortcut around all three.
      </Aside>
      <p>
        The shortcut adds no parameters and almost no computation, so a plain and a residual network
        with the same layers differ only in the addition, and the labs can compare them fairly. The
        two terms must have the same shape; where the CIFAR networks widen, the shortcut pads the
        new channels with zeros <Cite id="he2015" />.
      </p>
    </Section>
  );
}
