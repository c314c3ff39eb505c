import { Katex } from '../../components/Katex';
import { Cite } from '../Cite';
import { Figure } from '../../components/article/Figure';
import { LabFigure } from '../../components/article/LabFigure';
import { VanishingDepths } from '../../components/article/VanishingDepths';
import { Aside, Takeaway } from '../Aside';
import { Section } from '../Section';
import { LabRef, TableRef } from '../Ref';
import { labLabel, tableLabel } from '../numbering';
import {
  atChance,
  CLAIMS,
  configOf,
  lossRange,
  netOf,
  texRange,
  trainingOf,
} from '../numbers/labNumbers';

const VANISH_A = netOf('vanishing', 0);
const VANISH_B = netOf('vanishing', 1);
const FULL_SCALE = CLAIMS.extras['vanishing-B-full-scale'];
const DEPTHS = CLAIMS.vanishingDepths;

/** How many of the strip's seeds end below chance at each depth, for the plain nets. */
const plainLearns = DEPTHS.plain.trainLoss.map((row) => row.filter((l) => !atChance(l)).length);
/** The shallowest depth from which the plain net ends at chance on every seed. */
const plainChanceFrom = DEPTHS.blocks.find((_, d) => plainLearns.slice(d).every((n) => n === 0));
/** The plain nets' losses at the depths below that. */
const plainShallow = DEPTHS.plain.trainLoss.filter((_, d) => DEPTHS.blocks[d]! < plainChanceFrom!);
const residualShallow = DEPTHS.residual.trainLoss.filter(
  (_, d) => DEPTHS.blocks[d]! < plainChanceFrom!,
);

const GRADIENT = String.raw`\frac{\partial L}{\partial x_l} = \frac{\partial L}{\partial x_m}\left(1 + \frac{\partial}{\partial x_l}\sum_{i=l}^{m-1} F_i(x_i)\right)`;

/** Section 2: why the gradient survives a residual stack, and the lab that shows it. */
export function GradientFlow() {
  return (
    <Section id="gradient-flow">
      <Takeaway>
        The shortcut hands every block the gradient of the top of the network, however small its
        branch is.
      </Takeaway>
      <p>
        Training sends the gradient of the loss <Katex tex="L" /> back through the network, and
        backpropagation multiplies one Jacobian per layer on the way. A product of many factors
        shrinks toward zero or grows without bound unless each factor stays close to one. With the
        sigmoid, whose slope is at most 1/4, it shrinks: the gradient <em>vanishes</em> before it
        reaches the first layers <Cite id="glorot2010" />.
      </p>
      <p>
        A residual block changes the factors. When nothing follows the addition, so that{' '}
        <Katex tex="x_{l+1} = x_l + F_l(x_l)" punct="," /> summing the blocks from <Katex tex="l" />{' '}
        to a deeper block <Katex tex="m" /> and differentiating gives the relation of He et al.{' '}
        <Cite id="he2016" />:
      </p>
      <Katex tex={GRADIENT} display />
      <p>
        The <Katex tex="1" /> (an identity matrix, strictly) is the shortcut. It hands the gradient
        at <Katex tex="x_m" /> to <Katex tex="x_l" /> without passing a single weight layer. For the
        total to vanish, the second term would have to cancel it exactly, for every example of a
        batch. So every block receives the gradient of the top, however small its branch.
      </p>
      <LabFigure
        preset="vanishing"
        label={labLabel('vanishing')}
        caption={
          <>
            {configOf(VANISH_A.config)}; sigmoid, Glorot initialisation, no batch norm,
            pre-activation blocks; network B&apos;s branches are scaled by{' '}
            {VANISH_B.config.branchScale}. The plot under the lab trains the same two networks at
            other depths.
          </>
        }
      >
        <VanishingDepths lab={labLabel('vanishing')} />
      </LabFigure>
      <p>
        At initialisation the first layer of the plain network&apos;s block 1 receives{' '}
        <Katex tex={texRange(VANISH_A.weightRatio)} /> of the gradient the last block&apos;s second
        layer gets; with shortcuts it receives{' '}
        <Katex tex={texRange(VANISH_B.weightRatio)} punct="." /> Trained (
        {trainingOf(VANISH_B.config)}), the plain network ends at chance, a loss of{' '}
        {lossRange(VANISH_A.trainLoss)}, and the residual one fits, at{' '}
        {lossRange(VANISH_B.trainLoss)}. The plot under the lab finds where the plain network
        breaks. Below {plainChanceFrom} blocks it learns part of the task in{' '}
        {plainShallow.flat().filter((l) => !atChance(l)).length} of {plainShallow.flat().length}{' '}
        runs (loss {lossRange(plainShallow.flat().filter((l) => !atChance(l)))}, against{' '}
        {lossRange(residualShallow.flat())} with shortcuts); from {plainChanceFrom} blocks,{' '}
        {2 * plainChanceFrom! + 2} weight layers, it ends at chance on all {DEPTHS.seeds.length}{' '}
        seeds.
      </p>
      <Aside title="The shortcut is not the whole cure.">
        B&apos;s branches are multiplied by {VANISH_B.config.branchScale} before the addition. At
        full scale the {FULL_SCALE.config.blocks} branch outputs pile up on the shortcut, the
        sigmoid before the classifier saturates, and B stays at chance too (loss{' '}
        {lossRange(FULL_SCALE.trainLoss)}). A shortcut keeps the gradient from vanishing; it does
        not keep the signal where a sigmoid responds.
      </Aside>
      <p>The relation has limits, each taken up below.</p>
      <ul>
        <li>
          It is exact only when nothing acts after the addition. The original block puts a ReLU
          there, on the shortcut&apos;s path (see <a href="#depth">Depth and block order</a>).
        </li>
        <li>It rules out vanishing, not exploding: the second term can be large (next section).</li>
        <li>
          The shortcut must stay a plain identity. Scale it by <Katex tex="\lambda" /> and the first
          term becomes <Katex tex="\lambda^{m-l}" punct="," /> which vanishes or explodes with
          depth. Every change to the shortcut that He et al. tried made a 110-layer network worse,
          as <TableRef id="table-shortcuts" /> shows <Cite id="he2016" />.
        </li>
      </ul>
      <Figure
        id="table-shortcuts"
        label={tableLabel('table-shortcuts')}
        caption={
          <>
            Shortcut variants of ResNet-110 on CIFAR-10, test error, median of 5 runs;
            &ldquo;fail&rdquo; means above 20% <Cite id="he2016" />. The gated variants learn a gate{' '}
            <Katex tex="g(x)" /> between 0 and 1: exclusive gating computes{' '}
            <Katex tex="{(1 - g(x))\,x} + {g(x)\,F(x)}" punct="," /> shortcut-only gating{' '}
            <Katex tex="{(1 - g(x))\,x} + F(x)" punct="." /> Their bias starts at −6, so the
            shortcut starts near the identity. On ImageNet, projections where the width grows gained
            ResNet-34 half a point (25.03% to 24.52% top-1 error), and ResNet-50, 101 and 152 use
            them there <Cite id="he2015" />.
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
            {SHORTCUTS.map(([name, error], i) => (
              <tr key={name} className={i === 0 ? 'best' : undefined}>
                <td>{name}</td>
                <td>{error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Figure>
      <p>
        The next lab, <LabRef id="exploding" />, shows the second limit.
      </p>
    </Section>
  );
}

const SHORTCUTS: [string, string][] = [
  ['identity (original)', '6.61'],
  ['constant scaling 0.5 on the shortcut', 'fail'],
  ['constant scaling 0.5 on shortcut and branch', '12.35'],
  ['exclusive gating (bias −6)', '8.70'],
  ['shortcut-only gating (bias −6)', '6.91'],
  ['1×1 convolution shortcut', '12.22'],
  ['dropout (0.5) on the shortcut', 'fail'],
];
