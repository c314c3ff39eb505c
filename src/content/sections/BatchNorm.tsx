import { Katex } from '../../components/Katex';
import { Cite } from '../Cite';
import { Section } from '../Section';
import { LabFigure } from '../../components/article/LabFigure';
import { Aside, Takeaway } from '../Aside';
import { labLabel } from '../numbering';
import { LabRef } from '../Ref';
import {
  CLAIMS,
  configOf,
  lossRange,
  netOf,
  texNumber,
  texRange,
  trainingOf,
} from '../numbers/labNumbers';

const EXPLODE_A = netOf('exploding', 0);
const EXPLODE_B = netOf('exploding', 1);
const UNNORM_A = netOf('unnormalised', 0);
const UNNORM_B = netOf('unnormalised', 1);
const PLAIN_BN_12 = CLAIMS.extras['exploding-A-12-blocks'];
const PLAIN_BN_12_BLOCKS = PLAIN_BN_12.config.blocks;
const SIGMOID_BN = CLAIMS.extras['vanishing-A-batch-norm'];
const SWEEP = CLAIMS.depthSweep;
const divergedAt = [...new Set(UNNORM_A.divergedAtStep)].join(' or ');
/** The median over seeds of one depth's ratios. */
const median = (r: number[]) => [...r].sort((a, b) => a - b)[Math.floor(r.length / 2)]!;
/** The median over seeds of each depth's ratios, as TeX numbers. */
const medians = (rows: number[][]) => rows.map((r) => texNumber(median(r))).join(',\\ ');

/** Section 3: exploding gradients in plain nets with batch norm, and nets without normalisation. */
export function BatchNorm() {
  return (
    <Section id="batch-norm">
      <Takeaway>
        Batch norm makes a deep plain ReLU network&apos;s gradients explode; shortcuts tame them.
        Without normalisation the shortcut&apos;s own sum must be kept small.
      </Takeaway>
      <p>
        Batch norm subtracts the mini-batch mean from every unit, divides by the mini-batch standard
        deviation and applies a learned scale <Katex tex="\gamma" /> and shift <Katex tex="\beta" />{' '}
        <Cite id="ioffe2015" />:
      </p>
      <Katex
        tex="\mathrm{BN}(z) = \gamma\,\frac{z - \mu_{\mathcal{B}}}{\sqrt{\sigma_{\mathcal{B}}^2 + \epsilon}} + \beta."
        display
      />
      <p>
        Why it helps is still argued over. In a plain ReLU network it has a side effect at
        initialisation: the gradient grows with depth, by about a factor of 1.2 per layer in norm{' '}
        <Cite id="yang2019" />, which compounds over 50 layers.
      </p>
      <LabFigure
        preset="exploding"
        label={labLabel('exploding')}
        caption={<>{configOf(EXPLODE_A.config)}; ReLU, He initialisation, batch norm.</>}
      />
      <p>
        The first layer of the plain network&apos;s block 1 starts with{' '}
        <Katex tex={texRange(EXPLODE_A.weightRatio)} /> times the gradient of the last block&apos;s
        second layer. The median ratio runs <Katex tex={medians(SWEEP.plain)} /> at{' '}
        {SWEEP.blocks.join(', ')} blocks; with shortcuts,{' '}
        <Katex tex={medians(SWEEP.residual)} punct="," /> still growing, as the relation allows, but
        far more slowly. Trained ({trainingOf(EXPLODE_A.config)}), the plain network fits partly
        (loss {lossRange(EXPLODE_A.trainLoss)}) and the residual one fits (
        {lossRange(EXPLODE_B.trainLoss)}
        ).
      </p>
      <p>
        The ratio predicts trainability only loosely. At {PLAIN_BN_12_BLOCKS} blocks, with a ratio
        of <Katex tex={texNumber(median(SWEEP.plain[SWEEP.blocks.indexOf(PLAIN_BN_12_BLOCKS)]!))} />
        , the same plain network reaches a loss of {lossRange(PLAIN_BN_12.trainLoss)}, and the plain
        sigmoid network of <LabRef id="vanishing" />, stuck at chance without normalisation, reaches
        a loss of {lossRange(SIGMOID_BN.trainLoss)} with batch norm.
      </p>
      <Aside title="How a trained network is evaluated.">
        A network in use normalises with fixed statistics, so that its answer for one input does not
        depend on the others. Our labs take each layer&apos;s mean and variance over the whole
        training set at the current weights, for every loss, accuracy and decision boundary they
        report.
      </Aside>
      <p>
        Without normalisation the shortcut&apos;s sum has no check. A He-initialised branch adds
        about as much variance as its input has, so the variance roughly doubles per block.{' '}
        <LabRef id="unnormalised" /> trains such a network with SGD at{' '}
        {UNNORM_A.config.learningRate}, its branches at full scale (A) and scaled by{' '}
        {UNNORM_B.config.branchScale} (B).
      </p>
      <LabFigure
        preset="unnormalised"
        label={labLabel('unnormalised')}
        caption={<>{configOf(UNNORM_A.config)}; ReLU, He initialisation, no normalisation.</>}
      />
      <p>
        At full scale the signal grows by a factor of{' '}
        <Katex tex={texRange(UNNORM_A.forwardGrowth)} /> in RMS through 24 blocks, and SGD diverges
        at step {divergedAt}. Scaled down, the branches hold the growth to{' '}
        <Katex tex={texRange(UNNORM_B.forwardGrowth)} /> and the network fits (loss{' '}
        {lossRange(UNNORM_B.trainLoss)}, {trainingOf(UNNORM_B.config)}).
      </p>
      <p>
        Methods that train residual networks without normalisation start each block near the
        identity. Fixup zero-initialises each branch&apos;s last layer and rescales the others, and
        showed stable early training at 10,000 layers <Cite id="zhang2019" />; SkipInit multiplies
        each branch by a scalar that starts at zero <Cite id="de2020" />.
      </p>
      <p>
        Batch norm inside the branch gives a similar bias. The branch&apos;s output has unit scale,
        while the shortcut carries the sum of every block before it, whose variance grows with the
        block index <Katex tex="l" punct="." /> At block <Katex tex="l" /> the branch is thus
        smaller than the shortcut by about <Katex tex="\sqrt{l}" punct="," /> and each block starts
        close to the identity <Cite id="de2020" />. In the residual network of{' '}
        <LabRef id="exploding" /> the last block&apos;s output is{' '}
        <Katex tex={texRange(EXPLODE_B.forwardGrowth)} /> times the first block&apos;s input in RMS
        at initialisation.
      </p>
    </Section>
  );
}
