import { Katex } from '../../components/Katex';
import { BlockDiagram } from '../../components/article/BlockDiagram';
import { Cite } from '../Cite';
import { Figure } from '../../components/article/Figure';
import { LabFigure } from '../../components/article/LabFigure';
import { ThousandLayersFigure } from '../../components/studies/thousand-layers/ThousandLayersFigure';
import { ORIGINAL_BLOCK } from './ResidualBlock';
import { Aside } from '../Aside';
import { figureLabel, labLabel, tableLabel } from '../numbering';
import { FigRef, LabRef, TableRef } from '../Ref';
import { CLAIMS, configOf, netOf, texRange, trainingOf } from '../numbers/labNumbers';
import { percentRange } from '../numbers/rangeText';
import { THOUSAND_LAYERS_SPEC } from '../../model/studies/thousand-layers/spec';

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
        The gradient relation (<a href="#gradient-flow">Why the gradient survives</a>) is exact only
        if nothing acts on the signal after the addition. The original block breaks that: its last
        ReLU sits on the identity path, so every signal, and every gradient, passes one ReLU per
        block. He et al. therefore moved the nonlinearity. In the <em>pre-activation</em> block,
        batch norm and ReLU come <em>before</em> each weight layer, and the sum leaves the block
        untouched <Cite id="he2016" />:
      </p>
      <Katex
        tex="x_{l+1} = x_l + W_2\,\mathrm{ReLU}(\mathrm{BN}(W_1\,\mathrm{ReLU}(\mathrm{BN}(x_l)))),"
        display
      />
      <p>
        with one more batch norm and ReLU after the last block. The layers and parameters are the
        same; only their order changed (<FigRef id="blocks-original-pre" />
        ), and <Katex tex="x_L = x_l + \sum F_i" /> now holds exactly.
      </p>
      <Figure
        wide
        id="blocks-original-pre"
        label={figureLabel('blocks-original-pre')}
        caption={
          <>
            The original and the pre-activation block, drawn from the configurations our labs train.
            In the original the ReLU after the addition (shaded) lies on the identity path; in the
            pre-activation block nothing does, though the path from the last block to the loss still
            passes one final batch norm and ReLU.
          </>
        }
      >
        <div className="diagram-row">
          <BlockDiagram config={ORIGINAL_BLOCK} title="Original (post-activation)" />
          <BlockDiagram config={PRE_BLOCK} title="Pre-activation" />
        </div>
      </Figure>
      <p>
        He et al. tried the placements of batch norm and ReLU around the addition (
        <TableRef id="table-orderings" />
        ). Batch norm after the addition hurt most, since it normalises the shortcut itself; a ReLU
        before the addition hurt too, since the branch can then only add non-negative values. Full
        pre-activation was best at both depths <Cite id="he2016" />.
      </p>
      <Figure
        id="table-orderings"
        label={tableLabel('table-orderings')}
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
        The gain grows with depth (<TableRef id="table-orders-by-depth" />
        ): half a point at 164 layers, 7.61% against 4.92% at 1001. He et al. give two reasons: the
        original 1001-layer net reduces its training loss very slowly at first, as the ReLU after
        each addition truncates the identity path; and batch norm on every weight layer&apos;s input
        regularises, so that at 164 layers the pre-activation net ends with a <em>higher</em>{' '}
        training loss and a lower test error <Cite id="he2016" />.
      </p>
      <Figure
        id="table-orders-by-depth"
        label={tableLabel('table-orders-by-depth')}
        caption={
          <>
            Original versus pre-activation blocks, test error %, median of 5 runs; the 4.92 of the
            pre-activation ResNet-1001 has a mean of 4.89 ± 0.14. On ImageNet, at 152 layers,
            pre-activation gained only 0.2 points of top-1 error (21.3% against 21.1%){' '}
            <Cite id="he2016" />, and the ResNets most used there, such as ResNet-50, keep the
            original block. In Transformers the same choice, normalising after the addition
            (Post-LN) or inside the branch (Pre-LN), is still a trade-off: Pre-LN trains without a
            warm-up of the learning rate <Cite id="xiong2020" />, while Post-LN, when it trains,
            often ends better <Cite id="liu2020" />.
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
        At the {POST_BN.config.blocks} blocks of our labs, with ReLU and batch norm, the two blocks
        train alike: both reach a test accuracy of{' '}
        {percentRange([...POST_BN.testAccuracy, ...PRE_BN.testAccuracy])}. Make the activation
        saturating, a sigmoid, and put it after each addition: every signal then passes{' '}
        {POST_SIGMOID.config.blocks} sigmoids on the identity path. <LabRef id="order-saturating" />{' '}
        asks which network trains.
      </p>
      <LabFigure
        preset="order-saturating"
        label={labLabel('order-saturating')}
        caption={
          <>
            {configOf(POST_SIGMOID.config, { steps: false })}; no batch norm, branches scaled by{' '}
            {PRE_SIGMOID.config.branchScale}; {trainingOf(PRE_SIGMOID.config)}.
          </>
        }
      />
      <p>
        At initialisation the first block&apos;s gradient is{' '}
        <Katex tex={texRange(POST_SIGMOID.weightRatio)} /> of the last block&apos;s with the sigmoid
        after the addition, and <Katex tex={texRange(PRE_SIGMOID.weightRatio)} /> with it inside the
        branch. Trained, the original stays at chance (test accuracy{' '}
        {percentRange(POST_SIGMOID.testAccuracy)}) and the pre-activation net reaches{' '}
        {percentRange(PRE_SIGMOID.testAccuracy)}. The two nets differ in more than one activation
        (the stem, the branch&apos;s order, what reaches the classifier); the activation on the
        identity path is the difference the gradient plots point to.
      </p>
      <p>
        <FigRef id="thousand-layers" /> goes twenty times deeper: {DEEP.blocks} blocks,{' '}
        {(2 * DEEP.blocks + 2).toLocaleString('en-GB')} weight layers, as many as ResNet-1001 (which
        has 333 blocks of three). Both nets start from the same weights and see the same batches for{' '}
        {DEEP.steps} steps of SGD with momentum 0.9, the paper&apos;s optimiser, at{' '}
        {DEEP_RATES.length} learning rates from {DEEP_RATES[0]} to {DEEP_RATES.at(-1)}, and with
        Adam.
      </p>
      <ThousandLayersFigure label={figureLabel('thousand-layers')} />
      <p>
        At every rate the original net starts with a loss many times chance (
        <Katex tex="\ln 2 \approx 0.69" />
        ), the pre-activation net near it. The last block makes that difference: in the original,{' '}
        <Katex tex="x_n" punct="," /> the sum of {DEEP.blocks} branches of unit scale, reaches the
        classifier unnormalised, about{' '}
        <Katex tex={`\\sqrt{${DEEP.blocks}} \\approx ${Math.round(Math.sqrt(DEEP.blocks))}`} />{' '}
        times larger than a normalised signal; the pre-activation net hands it{' '}
        <Katex tex="\mathrm{ReLU}(\mathrm{BN}(x_n))" punct="." />
      </p>
      <p>
        Then the step size decides. The original fits only with small steps: at 0.003 on every seed,
        at 0.01 on some. From 0.02 up its loss jumps within ten steps and it never fits, and from
        0.05 it ends no better than chance. The pre-activation net fits at every rate from 0.01 to
        0.1, and at 0.003 on some seeds. So the pre-activation block trains over a wider range of
        step sizes, and larger ones; the original is not untrainable at this depth, it needs small
        steps.
      </p>
      <Aside title="What the figure does not reproduce.">
        Their original ResNet-1001 trained, slowly at first, with convolutions, weight decay and
        64,000 iterations at 0.1 after a warm-up at 0.01 <Cite id="he2016" />. Ours has {DEEP.steps}{' '}
        steps, and at a small enough rate the original fits its training set too. The figure shows
        one way the original block makes a very deep net hard to optimise, and nothing about test
        error.
      </Aside>
      <p>
        At step 0 (dashed) the two gradient profiles look alike: both grow toward the input by three
        to four orders of magnitude. After a run at 0.1, where the figure opens, the original&apos;s
        gradient (solid) below its last 25 blocks is more than a hundred times smaller than at the
        top, on most seeds exactly zero (marks under the axis): the ReLUs on the identity path have
        switched off, the cause He et al. gave, set off here by steps too large. Under Adam at{' '}
        {DEEP_ADAM_RATE} the original learns too, later than the pre-activation net.
      </p>
    </>
  );
}
