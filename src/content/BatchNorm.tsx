import { Katex } from '../components/Katex';
import { Cite } from './Cite';
import { Section } from './Section';
import { LabFigure } from '../components/article/LabFigure';
import { CLAIMS, configOf, netOf, percentRange, texRange, trainingOf } from './labNumbers';

const UNNORM_A = netOf('unnormalised', 0);
const UNNORM_B = netOf('unnormalised', 1);
const RESIDUAL_BN = netOf('exploding', 1);
const PLAIN_BN = netOf('exploding', 0);
const PLAIN_BN_12 = CLAIMS.extras['exploding-A-12-blocks'];
const SIGMOID_BN = CLAIMS.extras['vanishing-A-batch-norm'];
const divergedAt = [...new Set(UNNORM_A.divergedAtStep)].join(' or ');

/** Section 6: batch norm inside the block, in plain and residual nets. */
export function BatchNorm() {
  return (
    <Section id="batch-norm">
      <p>
        In practice the branch is never just two weight layers. In the original block each weight
        layer is followed by batch norm, which subtracts the mini-batch mean from every unit,
        divides by the mini-batch standard deviation, and applies a learned scale{' '}
        <Katex tex="\gamma" /> and shift <Katex tex="\beta" punct=":" />
      </p>
      <Katex
        tex="\mathrm{BN}(z) = \gamma\,\frac{z - \mu_{\mathcal{B}}}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}} + \beta."
        display
      />
      <p>
        Why it helps is still argued over. It was introduced to reduce &ldquo;internal covariate
        shift&rdquo;, the drift of each layer&apos;s input distribution as the layers below it learn{' '}
        <Cite id="ioffe2015" />, and later work has offered other explanations. What is not in
        dispute is what it does to the scale of signals, and that matters a great deal inside a
        residual network.
      </p>
      <p>
        A trained network is used with fixed statistics instead of the batch&apos;s, so that its
        answer for one input does not depend on which other inputs arrive with it. Frameworks keep
        running averages of the batch statistics during training for this; our labs compute each
        layer&apos;s mean and variance over the whole training set at the current weights, and use
        them for everything that evaluates a network: the loss and accuracy on the full training and
        test sets, and the decision boundary.
      </p>
      <p>
        <strong>Without any normalisation</strong>, a residual stack with He-initialised branches
        adds a branch output of about the same variance as its input at every block, so the variance
        roughly doubles per block. In our labs the forward signal of a ReLU network without batch
        norm grows by a factor of <Katex tex={texRange(UNNORM_A.forwardGrowth)} /> in RMS from the
        first block&apos;s input to the last block&apos;s output (
        {configOf(UNNORM_A.config, { steps: false })}), and plain SGD at learning rate{' '}
        {UNNORM_A.config.learningRate} diverges on its first update: at step {divergedAt} (step 0 is
        the initialisation) its loss or its gradients are no longer finite. Scaling every branch by{' '}
        {UNNORM_B.config.branchScale} holds the growth to a factor of{' '}
        <Katex tex={texRange(UNNORM_B.forwardGrowth)} />, and the same network then trains to a test
        accuracy of {percentRange(UNNORM_B.testAccuracy)} ({trainingOf(UNNORM_B.config)}). The same
        idea underlies methods that train residual networks with no normalisation at all: Fixup
        initialises the last layer of each branch to zero and rescales the others, and trains
        networks of 10,000 layers <Cite id="zhang2019" />; SkipInit multiplies each branch by a
        scalar that starts at zero <Cite id="de2020" />.
      </p>
      <LabFigure
        preset="unnormalised"
        caption="A deep residual network without normalisation: the signal grows block by block until training diverges. Scale the branches down and it trains."
      />
      <p>
        <strong>In the branch of a residual block</strong>, batch norm keeps the branch output at
        unit scale while the shortcut carries the sum of everything before it, whose variance grows
        with the block index <Katex tex="l" punct="." /> At block <Katex tex="l" /> the branch is
        thus smaller than the shortcut by about <Katex tex="\sqrt{l}" punct="," /> so each{' '}
        <em>block</em> starts close to the identity, the easy starting point that the opening
        section asked for <Cite id="de2020" />. The network as a whole does not: its output is
        mostly the sum of the branches <Cite id="de2020" />. In the pre-activation network of the
        exploding lab (network B), the RMS of the last block&apos;s output is{' '}
        <Katex tex={texRange(RESIDUAL_BN.forwardGrowth)} /> times that of the first block&apos;s
        input at initialisation ({configOf(RESIDUAL_BN.config, { steps: false })}
        ).
      </p>
      <p>
        <strong>In a plain network</strong>, batch norm does something less welcome. At
        initialisation it makes gradients grow with depth, by about a factor of 1.2 per ReLU layer
        in norm <Cite id="yang2019" />. Over 50 layers that compounds: the exploding lab measures
        the first block&apos;s gradient at <Katex tex={texRange(PLAIN_BN.weightRatio)} /> times the
        last one&apos;s ({configOf(PLAIN_BN.config, { steps: false })}). What this does to training
        is less clear-cut than the ratio suggests. As that lab showed in the section on gradients,
        that plain network still learns partly, to {percentRange(PLAIN_BN.testAccuracy)} test
        accuracy after {PLAIN_BN.config.steps} steps. With 12 blocks and everything else the same,
        it trains to {percentRange(PLAIN_BN_12.testAccuracy)}; and the 24-block plain{' '}
        <em>sigmoid</em> network of the vanishing lab, which stays at chance without normalisation,
        trains to {percentRange(SIGMOID_BN.testAccuracy)} once batch norm is added (
        {trainingOf(SIGMOID_BN.config)}). So the ratio at initialisation predicts trainability only
        loosely: batch norm rescues plain networks that a saturating activation would stall, and
        makes a deep ReLU network&apos;s gradients explode toward the input, which the shortcuts
        repair. To see each case, go back to the <a href="#lab-exploding">exploding lab</a> and
        switch batch norm and the shortcuts on and off in either network; set both activations to
        sigmoid for the saturating case.
      </p>
    </Section>
  );
}
