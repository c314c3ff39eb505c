import { Katex } from '../components/Katex';
import { BlockDiagram } from '../components/article/BlockDiagram';
import { Cite } from './Cite';
import { Figure } from '../components/article/Figure';
import { LabFigure } from '../components/article/LabFigure';
import { ThousandLayersFigure } from '../components/article/ThousandLayersFigure';
import { ORIGINAL_BLOCK } from './ResidualBlock';
import { CLAIMS, configOf, netOf, percentRange, texRange, trainingOf } from './labNumbers';
import { THOUSAND_LAYERS_SPEC } from '../model/deep-spec';

const POST_SIGMOID = netOf('order-saturating', 0);
const PRE_SIGMOID = netOf('order-saturating', 1);
const POST_BN = CLAIMS.extras['exploding-B-original-order'];
const PRE_BN = netOf('exploding', 1);

/** The thousand-layer figure's configuration, for the text around it. */
const DEEP = THOUSAND_LAYERS_SPEC.base;
const DEEP_RATES = THOUSAND_LAYERS_SPEC.learningRates.momentum;
const DEEP_ADAM_RATE = THOUSAND_LAYERS_SPEC.learningRates.adam[0];

/** The full pre-activation block as our labs train it. */
export const PRE_BLOCK = { ...ORIGINAL_BLOCK, order: 'pre' } as const;

const ORDERINGS: [string, string, string][] = [
  ['original: weight, BN, ReLU; add; ReLU after the addition', '6.61', '5.93'],
  ['BN after the addition', '8.17', '6.50'],
  ['ReLU before the addition', '7.84', '6.14'],
  ['ReLU-only pre-activation', '6.71', '5.91'],
  ['full pre-activation: BN, ReLU, weight', '6.37', '5.46'],
];

const DEPTHS: [string, string, string, string][] = [
  ['CIFAR-10', 'ResNet-164', '5.93', '5.46'],
  ['CIFAR-10', 'ResNet-1001', '7.61', '4.92'],
  ['CIFAR-100', 'ResNet-164', '25.16', '24.33'],
  ['CIFAR-100', 'ResNet-1001', '27.82', '22.71'],
];

/**
 * The second part of the section on block order and depth: the pre-activation block, the papers'
 * numbers, the lab with a saturating activation and the thousand-layer figure.
 */
export function BlockOrder() {
  return (
    <>
      <p>
        The gradient relation of the previous sections is exact only if nothing acts on the signal
        after the addition. The original block breaks that: its last ReLU sits on the identity path,
        so every signal, and every gradient, passes through one ReLU per block. He et al. therefore
        moved the nonlinearity. In the <em>pre-activation</em> block, batch norm and ReLU come{' '}
        <em>before</em> each weight layer, and the sum leaves the block untouched{' '}
        <Cite id="he2016" />:
      </p>
      <Katex
        tex="x_{l+1} = x_l + W_2\,\mathrm{ReLU}(\mathrm{BN}(W_1\,\mathrm{ReLU}(\mathrm{BN}(x_l)))),"
        display
      />
      <p>
        with one more batch norm and ReLU after the last block, before the classifier. The layers
        and the parameters are the same as before; only their order changed. The shortcut is now a
        clean identity from the first block to the last, and <Katex tex="x_L = x_l + \sum F_i" />{' '}
        holds exactly.
      </p>
      <Figure
        wide
        caption={
          <>
            The original and the pre-activation block, drawn from the configurations our labs train.
            In the original the ReLU after the addition (shaded) lies on the identity path; in the
            pre-activation block nothing does.
          </>
        }
      >
        <div className="diagram-row">
          <BlockDiagram config={ORIGINAL_BLOCK} title="Original (post-activation)" />
          <BlockDiagram config={PRE_BLOCK} title="Pre-activation" />
        </div>
      </Figure>
      <p>
        He et al. tried the possible placements of batch norm and ReLU around the addition. Putting
        batch norm after the addition hurt most, since it then normalises the shortcut signal
        itself; moving the ReLU in front of the addition hurt too, because the branch can then only
        add non-negative values. Full pre-activation was the best at both depths{' '}
        <Cite id="he2016" />.
      </p>
      <Figure
        caption={
          <>
            Orderings of batch norm, ReLU and the addition on CIFAR-10, test error, median of 5 runs{' '}
            <Cite id="he2016" />.
          </>
        }
      >
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">ordering</th>
              <th scope="col">
                <span className="nowrap">ResNet-110</span> %
              </th>
              <th scope="col">
                <span className="nowrap">ResNet-164</span> %
              </th>
            </tr>
          </thead>
          <tbody>
            {ORDERINGS.map(([name, a, b], i) => (
              <tr key={name} className={i === ORDERINGS.length - 1 ? 'best' : undefined}>
                <td>{name}</td>
                <td>{a}</td>
                <td>{b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Figure>
      <p>
        The gain depends on depth. At 164 layers it is about half a percentage point on CIFAR-10; at
        1001 layers the original block reaches 7.61% and the pre-activation block 4.92%, and on
        CIFAR-100 the gap at 1001 layers is five points <Cite id="he2016" />. He et al. give two
        reasons. The first is easier optimisation: the original 1001-layer network reduces its
        training loss very slowly at the start, because the ReLU after each addition truncates the
        signal on the identity path, and the pre-activation one does not have that problem. The
        second is regularisation: with batch norm now on the input of every weight layer, the
        164-layer pre-activation network ends with a <em>higher</em> training loss than the original
        and still a lower test error. So the reordering matters little to optimisation at the depths
        where ResNets already worked, and a great deal at the depths where the ReLUs on the identity
        path begin to add up. With the pre-activation block the 1001-layer network beats the
        164-layer one, where the original 1001-layer network did not.
      </p>
      <Figure
        caption={
          <>
            Original versus pre-activation blocks, test error %, median of 5 runs; the 4.92 of the
            pre-activation ResNet-1001 has a mean of 4.89 ± 0.14 <Cite id="he2016" />.
          </>
        }
      >
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col" className="text">
                data set
              </th>
              <th scope="col" className="text">
                network
              </th>
              <th scope="col">original</th>
              <th scope="col">pre-activation</th>
            </tr>
          </thead>
          <tbody>
            {DEPTHS.map(([data, net, a, b]) => (
              <tr key={data + net}>
                <td className="text">{data}</td>
                <td className="text">{net}</td>
                <td>{a}</td>
                <td>{b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Figure>
      <p>
        The labs below are not a thousand layers deep, and at their depth, with ReLU and batch norm,
        the two blocks behave much alike: both reach a test accuracy of{' '}
        {percentRange([...POST_BN.testAccuracy, ...PRE_BN.testAccuracy])} (
        {configOf(POST_BN.config)}). In He et al.&apos;s tables the gap is there at 110 and 164
        layers but small, a few tenths of a point, and large only at 1001. Make the activation
        saturating and a difference appears at once. With a sigmoid after each addition the first
        block&apos;s gradient is <Katex tex={texRange(POST_SIGMOID.weightRatio)} /> of the last
        block&apos;s at initialisation; with the sigmoid moved inside the branch it is{' '}
        <Katex tex={texRange(PRE_SIGMOID.weightRatio)} /> (
        {configOf(POST_SIGMOID.config, { steps: false })}, no batch norm, branches scaled by{' '}
        {PRE_SIGMOID.config.branchScale}). In training ({trainingOf(PRE_SIGMOID.config)}) the
        original block stays at chance, with a test accuracy of{' '}
        {percentRange(POST_SIGMOID.testAccuracy)}, and the pre-activation block reaches{' '}
        {percentRange(PRE_SIGMOID.testAccuracy)}. The two networks differ in more than where one
        activation sits: the original applies the activation to the stem&apos;s output, orders each
        branch differently, and hands <Katex tex="x_n" /> to the classifier as it is, where the
        pre-activation network first applies the activation to it. The activation on the identity
        path is the difference the gradient plots point to.
      </p>
      <LabFigure
        preset="order-saturating"
        caption="Original versus pre-activation blocks with a saturating activation and scaled-down branches: only the pre-activation network trains."
      />
      <p>
        Our labs are set to 24 blocks, where the two orders behave alike. The figure below goes
        twenty times deeper: {DEEP.blocks} blocks, which with the first layer and the classifier
        make {(2 * DEEP.blocks + 2).toLocaleString('en-GB')} weight layers, as many as He et
        al.&apos;s ResNet-1001 <Cite id="he2016" />. The mechanism counts blocks rather than layers,
        though: one ReLU on the shortcut per block, and ResNet-1001 has 333 blocks of three layers.
        Both networks start from the same weights and see the same batches. They train for{' '}
        {DEEP.steps} steps with SGD and momentum 0.9, the paper&apos;s optimiser, at each of{' '}
        {DEEP_RATES.length} learning rates from {DEEP_RATES[0]} to {DEEP_RATES.at(-1)}, and with
        Adam. The task is still the spiral and the blocks are still dense, so the figure can test
        one of the paper&apos;s two findings, that the original block makes a very deep network hard
        to optimise, and not the other, that pre-activation also lowers the test error on images.
      </p>
      <ThousandLayersFigure />
      <p>
        On every seed and at every rate the original network starts with a loss many times chance (
        <Katex tex="\ln 2 \approx 0.69" /> for two classes), and the pre-activation network close to
        it. The last block makes that difference, not the optimiser. In the original network{' '}
        <Katex tex="x_n" punct="," /> the sum of {DEEP.blocks} branches, reaches the classifier
        through a ReLU but unnormalised. Batch norm gives each branch a unit scale, so their sum
        grows like the square root of their number, to about{' '}
        <Katex tex={`\\sqrt{${DEEP.blocks}} \\approx ${Math.round(Math.sqrt(DEEP.blocks))}`} />{' '}
        times the scale of a normalised signal, and the classifier&apos;s first outputs are large
        and often confidently wrong. The pre-activation network hands the classifier{' '}
        <Katex tex="\mathrm{ReLU}(\mathrm{BN}(x_n))" punct="," /> a signal of unit scale.
      </p>
      <p>
        What happens next depends on the step size. The original network fits the spiral only with
        small steps: at 0.003 and 0.01, on every seed. At 0.02 and above, the large gradients of its
        first steps make large updates, its batch loss jumps higher still within ten steps, and it
        never recovers: after {DEEP.steps} steps it classifies its training set little better than a
        coin. The pre-activation network fits at every rate from 0.01 to 0.1, the largest we tried,
        and the larger the rate the sooner; at 0.003 it is still descending when the run ends. So
        the pre-activation block trains over a wider range of step sizes, and a higher one. The
        original block is not untrainable at this depth; it needs small steps.
      </p>
      <p>
        The gradient profile shows why a failing run does not recover. At step 0 (dashed) the two
        orders look alike: in both, the gradient grows toward the input by three to four orders of
        magnitude, so the profile at initialisation does not tell which network will train. Pick a
        rate of 0.02 or more and look at the original network after the run (solid): below its last
        25 blocks its gradient is more than a hundred times smaller than at the top, and at 0.1 it
        is exactly zero on some seeds (the marks under the axis). The ReLUs after the additions,
        which lie on the identity path, have switched off, and next to no gradient gets through
        them. Where the original trains, its gradient still grows toward the input, and so does the
        pre-activation network&apos;s at every rate. This is the cause He et al. gave for their
        1001-layer result, the ReLU after the addition truncating the signal on the shortcut{' '}
        <Cite id="he2016" />, here set off by steps that are too large.
      </p>
      <p>
        Switch the optimiser to Adam, at a learning rate of {DEEP_ADAM_RATE}, and the original
        network learns too. Adam scales each weight&apos;s step by the size of that weight&apos;s
        recent gradients, so the huge gradients of the first steps no longer make huge updates. On
        every seed the original network ends with a loss far below chance, though it gets there
        later than the pre-activation network, which fits the spiral under either optimiser.
      </p>
      <p>
        So the figure does not reproduce He et al.&apos;s result; it shows, on a toy, one way the
        original block makes a very deep network hard to optimise. Their original ResNet-1001 did
        train, slowly at first, to 7.61% test error on CIFAR-10 against 4.92% with pre-activation.
        It had convolutions, weight decay and 64,000 iterations of SGD with momentum at a learning
        rate of 0.1, after 400 iterations at 0.01 to warm up, a warm-up they note the pre-activation
        unit does not need <Cite id="he2016" />. Ours has none of that and {DEEP.steps} steps, and
        at the rates where the original trains at all it fits the training set as well as the
        pre-activation network. Nor does the figure show anything about test error, images or
        convolutions, or what either network would do with many more steps.
      </p>
      <p>
        The reordering costs nothing, neither parameters nor computation, and the pre-activation
        block is the default in our labs. It has not replaced the original everywhere. The ResNets
        most used on ImageNet keep the original block; at 152 layers He et al. measured a gain from
        pre-activation of only 0.2 points of top-1 error there (21.3% against 21.1%){' '}
        <Cite id="he2016" />. In Transformers the same choice, normalisation after the addition
        (Post-LN) or inside the branch (Pre-LN), is still a trade-off: Pre-LN trains without a
        warm-up of the learning rate <Cite id="xiong2020" />, while Post-LN, when it trains, often
        ends better <Cite id="liu2020" />.
      </p>
      <p>
        Nor is the path from the loss to the first layer made of additions alone in the
        pre-activation network: it passes a final batch norm and ReLU before the classifier. What
        the story shows is narrower. A nonlinearity on the shortcut, repeated in every block, makes
        a very deep network fragile, here to the step size; one at the end does not. And a clean
        shortcut is not sufficient: the unnormalised network of the previous section, trained with
        plain SGD at 0.1, has a purely additive path and still diverges until its branches are
        scaled down.
      </p>
    </>
  );
}
