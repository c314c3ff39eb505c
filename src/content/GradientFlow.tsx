import { Katex } from '../components/Katex';
import { Cite } from './Cite';
import { Figure } from '../components/article/Figure';
import { Section } from './Section';
import { LabFigure } from '../components/article/LabFigure';
import {
  CLAIMS,
  configOf,
  netOf,
  percentRange,
  texNumber,
  texRange,
  textRange,
  trainingOf,
} from './labNumbers';

const VANISH_A = netOf('vanishing', 0);
const VANISH_B = netOf('vanishing', 1);
const POST_SIGMOID = netOf('order-saturating', 0);
const FULL_SCALE = CLAIMS.extras['vanishing-B-full-scale'];
const EXPLODE_A = netOf('exploding', 0);
const EXPLODE_B = netOf('exploding', 1);
const SWEEP = CLAIMS.depthSweep;
/** The median over seeds of each depth's ratios, as TeX numbers. */
const medians = (rows: number[][]) =>
  rows.map((r) => texNumber([...r].sort((a, b) => a - b)[Math.floor(r.length / 2)]!)).join(',\\ ');

const GRADIENT = String.raw`\frac{\partial E}{\partial x_l} = \frac{\partial E}{\partial x_L}\left(1 + \frac{\partial}{\partial x_l}\sum_{i=l}^{L-1} F(x_i, W_i)\right)`;

/** Section 5: the gradient equation of He et al. 2016, what the "1" does and does not promise. */
export function GradientFlow() {
  return (
    <Section id="gradient-flow">
      <p>
        Backpropagation multiplies Jacobians. In a plain stack the gradient that reaches layer{' '}
        <Katex tex="l" /> is the gradient at the top multiplied by one Jacobian per layer in
        between, and a product of many factors tends to shrink toward zero or grow without bound
        unless each factor is tuned to be close to norm one. With saturating activations such as the
        sigmoid, whose slope is at most 1/4, the product shrinks: the gradient <em>vanishes</em>{' '}
        toward the input <Cite id="glorot2010" />.
      </p>
      <p>
        Residual blocks change the factors. Suppose nothing follows the addition, so that{' '}
        <Katex tex="x_{l+1} = x_l + F(x_l, W_l)" /> exactly. Summing from any block{' '}
        <Katex tex="l" /> to a deeper block <Katex tex="L" /> and differentiating gives the relation
        of He et al. <Cite id="he2016" />:
      </p>
      <Katex tex={GRADIENT} display />
      <p>
        The <Katex tex="1" /> (an identity matrix, strictly) is the shortcut. It hands the gradient
        at <Katex tex="x_L" /> to <Katex tex="x_l" /> unchanged, without passing through a single
        weight layer. The second term is the gradient that does go through the branches. For the
        total to vanish, the bracket would have to cancel to zero, and it is unlikely to do so for
        every example of a mini-batch. So however small the branch weights are, say at
        initialisation, every block receives the gradient of the top of the network. The same holds
        when a branch is deliberately narrow, such as the bottleneck branches of the deeper ImageNet
        models: whatever a branch squeezes, the shortcut carries the gradient around it.
      </p>
      <p>Three things this equation does not say.</p>
      <ul>
        <li>
          <strong>
            It is exact only when the shortcut and the step after the addition are both identities.
          </strong>{' '}
          In the original block a ReLU follows the addition, so the shortcut gradient is multiplied
          by the ReLU&apos;s slope (one for positive units, zero for the rest) at every block, and
          the relation holds only approximately. The pre-activation block of the section on block
          order was designed to make it exact.
        </li>
        <li>
          <strong>It rules out vanishing, not exploding.</strong> The second term can be large, and
          the full product <Katex tex="\prod_l {(I + J_l)}" /> can grow with depth. A gradient that
          cannot vanish can still blow up.
        </li>
        <li>
          <strong>The shortcut should stay close to a plain identity.</strong> Scale it by{' '}
          <Katex tex="\lambda" /> and the first term becomes{' '}
          <Katex tex="\prod_{i=l}^{L-1} \lambda_i" punct="," /> which vanishes for{' '}
          <Katex tex="{\lambda < 1}" /> and explodes for <Katex tex="{\lambda > 1}" /> as the depth
          grows. He et al. tested such variants on a 110-layer CIFAR-10 network, and every change to
          the shortcut made things worse (table below), a learned 1×1 convolution on every shortcut
          included. On ImageNet, ResNet-34 gained a little from projections: 25.03% top-1 error with
          identity shortcuts (zero-padded where the width grows), 24.52% with projections where the
          width grows and 24.19% with projections on every shortcut. The gains are small and bought
          with parameters, and the paper keeps identity shortcuts for its deeper bottleneck networks{' '}
          <Cite id="he2015" />.
        </li>
      </ul>
      <Figure
        caption={
          <>
            Shortcut variants of ResNet-110 on CIFAR-10, test error, median of 5 runs;
            &ldquo;fail&rdquo; means above 20% <Cite id="he2016" />. The identity row&apos;s 6.61
            equals the mean of five runs that the first ResNet paper gives for the same network{' '}
            <Cite id="he2015" />. The gated variants learn a gate <Katex tex="g(x)" /> between 0 and
            1 (a sigmoid of a 1×1 convolution). Exclusive gating computes{' '}
            <Katex tex="{(1 - g(x))\,x} + {g(x)\,F(x)}" punct="," /> so the shortcut and the branch
            share one budget; shortcut-only gating computes{' '}
            <Katex tex="{(1 - g(x))\,x} + F(x)" punct="." /> The gate&apos;s bias starts at −6, so{' '}
            <Katex tex="g" /> starts near 0 and the shortcut near the identity.
          </>
        }
      >
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">shortcut</th>
              <th scope="col">test error %</th>
            </tr>
          </thead>
          <tbody>
            <tr className="best">
              <td>identity (original)</td>
              <td>6.61</td>
            </tr>
            <tr>
              <td>constant scaling 0.5 on the shortcut</td>
              <td>fail</td>
            </tr>
            <tr>
              <td>constant scaling 0.5 on shortcut and branch</td>
              <td>12.35</td>
            </tr>
            <tr>
              <td>exclusive gating (bias −6)</td>
              <td>8.70</td>
            </tr>
            <tr>
              <td>shortcut-only gating (bias −6)</td>
              <td>6.91</td>
            </tr>
            <tr>
              <td>1×1 convolution shortcut</td>
              <td>12.22</td>
            </tr>
            <tr>
              <td>dropout (0.5) on the shortcut</td>
              <td>fail</td>
            </tr>
          </tbody>
        </table>
      </Figure>
      <h3 id="gradients-measured">What the labs measure</h3>
      <p>
        The labs record, at every step, the norm of the gradient of every weight matrix. Compare the
        first block&apos;s gradient with the last block&apos;s at initialisation, in sigmoid
        networks without batch norm ({configOf(VANISH_A.config, { steps: false })}). In a plain
        network the ratio is <Katex tex={texRange(VANISH_A.weightRatio)} />: the first layers
        receive almost nothing. Give the same network residual blocks (in the pre-activation order
        that the section on block order explains) and it is{' '}
        <Katex tex={texRange(VANISH_B.weightRatio)} />: the first block gets about a quarter of the
        last block&apos;s gradient. Keep the sigmoid <em>after</em> the addition, as in the original
        block, and the gradient still vanishes, to{' '}
        <Katex tex={texRange(POST_SIGMOID.weightRatio)} />: the sigmoid sits on the identity path
        and squeezes the shortcut&apos;s gradient at every block.
      </p>
      <p>
        In training ({trainingOf(VANISH_B.config)}) the plain network stays at chance, with a test
        accuracy of {percentRange(VANISH_A.testAccuracy)}, and the residual one reaches{' '}
        {percentRange(VANISH_B.testAccuracy)}. The residual network needs more than the shortcut:
        its branches are multiplied by {VANISH_B.config.branchScale} before the addition. At full
        scale the 24 branch outputs pile up on the shortcut, the sum grows, the sigmoid before the
        classifier saturates, and the residual network stays at chance as well (training loss{' '}
        {textRange(FULL_SCALE.trainLoss)}, test accuracy {percentRange(FULL_SCALE.testAccuracy)};
        set network B&apos;s branch scale to 1 in the lab to see it). A shortcut keeps the gradient
        from vanishing on its way down; it does not keep the signal in the range where a sigmoid
        still responds.
      </p>
      <LabFigure
        preset="vanishing"
        caption="A deep plain sigmoid network beside its residual version with scaled-down branches: gradient norms per layer at initialisation and while training."
      />
      <p>
        Gradients can explode just as well. A plain ReLU network with He initialisation and batch
        norm, the setting in which the original paper saw no vanishing, has gradients that{' '}
        <em>grow</em> toward the input: the first block&apos;s gradient is{' '}
        <Katex tex={texRange(EXPLODE_A.weightRatio)} /> times the last one&apos;s (
        {configOf(EXPLODE_A.config, { steps: false })}). The median ratio over the seeds runs{' '}
        <Katex tex={medians(SWEEP.plain)} /> at {SWEEP.blocks.join(', ')} blocks. The pre-activation
        residual network with the same layers gives <Katex tex={medians(SWEEP.residual)} />: still
        growing, as the equation allows, but polynomially rather than exponentially. In training (
        {trainingOf(EXPLODE_A.config)}) the plain network learns only partly: it ends at a training
        loss of {textRange(EXPLODE_A.trainLoss)} and a test accuracy of{' '}
        {percentRange(EXPLODE_A.testAccuracy)}, while the residual network reaches a loss of{' '}
        {textRange(EXPLODE_B.trainLoss)} and a test accuracy of{' '}
        {percentRange(EXPLODE_B.testAccuracy)}.
      </p>
      <LabFigure
        preset="exploding"
        caption="A deep plain ReLU network with batch norm, whose gradients explode toward the input, beside the residual network with the same layers."
      />
    </Section>
  );
}
