import { Katex } from '../components/Katex';
import { Cite } from '../components/article/Cite';
import { Section } from '../components/article/Section';
import { LabFigure } from '../components/article/LabFigure';

/** Section 6: batch norm inside the block, in plain and residual nets. */
export function BatchNorm() {
  return (
    <Section id="batch-norm">
      <p>
        In practice the branch is never just two weight layers. In the original block each weight
        layer is followed by batch norm, which subtracts the mini-batch mean from every unit,
        divides by the mini-batch standard deviation, and applies a learned scale{' '}
        <Katex tex="\gamma" /> and shift <Katex tex="\beta" />:
      </p>
      <Katex
        tex="\mathrm{BN}(z) = \gamma\,\frac{z - \mu_{\mathcal{B}}}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}} + \beta."
        display
      />
      <p>
        At test time running averages replace the batch statistics. Why it helps is still argued
        over. It was introduced to reduce &ldquo;internal covariate shift&rdquo;, the drift of each
        layer&apos;s input distribution as the layers below it learn <Cite id="ioffe2015" />, and
        later work has offered other explanations. What is not in dispute is what it does to the
        scale of signals, and that matters a great deal inside a residual network.
      </p>
      <p>
        <strong>Without any normalisation</strong>, a residual stack with He-initialised branches
        adds a branch output of about the same variance as its input at every block, so the variance
        roughly doubles per block. In our labs the forward signal of a 24-block ReLU network without
        batch norm grows by a factor of 1400 to 4000 in RMS from input to output, and plain SGD at
        learning rate 0.1 diverges within the first two steps. Scaling every branch by 0.2, or
        adding batch norm, fixes it (measured in the live labs). The same idea underlies methods
        that train residual networks with no normalisation at all: Fixup initialises the last layer
        of each branch to zero and rescales the others, and trains networks of 10,000 layers{' '}
        <Cite id="zhang2019" />; SkipInit multiplies each branch by a scalar that starts at zero{' '}
        <Cite id="de2020" />.
      </p>
      <LabFigure
        preset="unnormalised"
        caption="A deep residual network without normalisation: the signal grows block by block until training diverges. Scale the branches down, or add batch norm, and it trains."
      />
      <p>
        <strong>In the branch of a residual block</strong>, batch norm keeps the branch output at
        unit scale while the shortcut carries the sum of everything before it, whose variance grows
        with depth. Relative to the shortcut, each branch is thus smaller by about the square root
        of the depth, so at initialisation a deep normalised ResNet is close to the identity, which
        is exactly the easy starting point the premise asked for <Cite id="de2020" />.
      </p>
      <p>
        <strong>In a plain network</strong>, batch norm does something less welcome. At
        initialisation it makes gradients grow with depth, by about a factor of 1.2 per ReLU layer
        in norm <Cite id="yang2019" />. Over 50 layers that compounds: the lab below measures the
        first block&apos;s gradient at <Katex tex="1.4\times10^4" /> to{' '}
        <Katex tex="3.6\times10^4" /> times the last one&apos;s. This is why the lab lets you turn
        batch norm off: with it a deep plain network&apos;s gradients explode toward the input;
        without it, a saturating activation makes them vanish. Either way the plain stack is hard to
        train, and adding the shortcuts tames both.
      </p>
      <LabFigure
        preset="exploding"
        caption="The exploding case again, now with batch norm in your hands: switch it off and on in the plain and in the residual network."
      />
    </Section>
  );
}
