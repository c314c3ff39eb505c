import { Katex } from '../components/Katex';
import { BlockDiagram } from '../components/article/BlockDiagram';
import { Cite } from './Cite';
import { Figure } from '../components/article/Figure';
import { Section } from './Section';
import { DEFAULT_CONFIG } from '../model/config';

/** The original block as our labs train it: the default config with post-activation order. */
export const ORIGINAL_BLOCK = { ...DEFAULT_CONFIG, order: 'post' } as const;
/** The same layers without the shortcut. */
export const PLAIN_BLOCK = { ...ORIGINAL_BLOCK, skip: 'none' } as const;

/** Section 3: the residual block and why its branch needs at least two weight layers. */
export function ResidualBlock() {
  return (
    <Section id="residual-block">
      <p>
        A residual block has two parts that meet at an addition. The <em>branch</em> is a short
        stack of ordinary layers; the <em>shortcut</em> carries the block&apos;s input around it
        unchanged. In the original design the branch is weight layer, batch norm, ReLU, weight
        layer, batch norm; the shortcut is added to its output, and one more ReLU follows the sum{' '}
        <Cite id="he2015" />. Written for the dense layers our labs use:
      </p>
      <Katex
        tex="x_{l+1} = \mathrm{ReLU}\big(x_l + \mathrm{BN}(W_2\,\mathrm{ReLU}(\mathrm{BN}(W_1 x_l)))\big)."
        display
      />
      <p>
        The shortcut adds no parameters and almost no computation, so a residual network and the
        plain network with the same layers can be compared fairly: they differ only in the addition.
        Because <Katex tex="x_l" /> and <Katex tex="F(x_l)" /> are added, they must have the same
        shape. When the CIFAR networks double the number of channels, the shortcut pads the extra
        channels with zeros so that it stays parameter-free <Cite id="he2015" />.
      </p>
      <Figure
        wide
        caption={
          <>
            The plain block and the original residual block, drawn from the configuration our labs
            train (dense layers, batch norm, ReLU). The only difference is the shortcut and the
            addition. The boxes after the addition (shaded) lie on the path every signal takes,
            shortcut or not: remember the ReLU there for the section on pre-activation.
          </>
        }
      >
        <div className="diagram-row">
          <BlockDiagram config={PLAIN_BLOCK} title="Plain block (no shortcut)" />
          <BlockDiagram config={ORIGINAL_BLOCK} title="Original residual block" />
        </div>
      </Figure>
      <h3 id="two-layers">Why the branch has at least two weight layers</h3>
      <p>
        Consider a branch with a single weight layer and nothing else. Then the block computes{' '}
        <Katex tex="y = x + Wx = {(I + W)\,x}" punct=":" /> a linear layer whose weight matrix
        happens to be written as <Katex tex="I + W" punct="." /> Re-parameterising a linear map does
        not let it express anything new, and He et al. report that they saw no advantage from such
        blocks <Cite id="he2015" />. Keeping the activation that follows the addition does not help
        much either: the block is then an ordinary one-layer unit with a shifted weight matrix.
      </p>
      <p>
        With two weight layers and a nonlinearity between them, the branch is a small network in its
        own right, with a hidden layer, and it can compute a genuinely nonlinear correction to its
        input. That, and nothing deeper, is the reason for the minimum. The argument is sometimes
        dressed up as an appeal to the universal approximation theorem, but that theorem concerns
        arbitrarily wide hidden layers and says nothing about why a block of two layers is
        preferable to one. Nor is two a maximum: the deeper ImageNet ResNets use three-layer
        &ldquo;bottleneck&rdquo; branches (a 1×1 convolution that reduces the channels, a 3×3 one,
        and a 1×1 one that restores them), still with a single shortcut around all three{' '}
        <Cite id="he2015" />.
      </p>
    </Section>
  );
}
