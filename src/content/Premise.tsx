import { Katex } from '../components/Katex';
import { Cite } from './Cite';
import { Figure } from '../components/article/Figure';
import { Section } from './Section';
import { BlockDiagram } from '../components/article/BlockDiagram';
import { PRE_BLOCK } from './PreActivation';
import { DegradationFigure } from '../components/article/DegradationFigure';
import { DegradationText } from './DegradationText';

/** Section 1: a block fits a residual, so a deeper net can fall back to a shallower one. */
export function Premise() {
  return (
    <Section id="premise">
      <p>
        Take a network that works and add ten layers to the top of it. In principle the bigger
        network can do everything the smaller one did: let the new layers pass their input through
        unchanged and you have the old network back. So training a deeper network should never end
        with a worse fit to the training data. In 2015 it did. Plain convolutional networks of 56
        layers reached a <em>higher training error</em> on CIFAR-10 than the same design with 20
        layers, and a 110-layer plain network could not get its error below 60% <Cite id="he2015" />
        . This was not overfitting, which would show up as a low training error and a high test
        error. The optimiser simply failed to find the solution that the extra layers made
        available.
      </p>
      <DegradationFigure>
        {' '}
        Each dot is one training run; the line joins the medians over seeds.
      </DegradationFigure>
      <DegradationText />
      <p>
        Residual networks change what the layers are asked to learn. Instead of producing the next
        representation <Katex tex="H(x)" /> outright, a group of layers, a <em>block</em>, produces
        a correction <Katex tex="F(x)" /> that is added to its own input:
      </p>
      <Katex tex="x_{l+1} = x_l + F_l(x_l)." display />
      <Figure
        caption={
          <>
            One residual block as the playground at the end trains it by default: the branch (batch
            norm, ReLU and a weight layer, twice) computes <Katex tex="F(x)" punct="," /> the
            shortcut carries <Katex tex="x" /> around it, and the two are added with nothing after
            the sum, so the equation above holds exactly. This is the pre-activation block of 2016;
            the original block of 2015, with a ReLU after the addition, is the subject of the
            section on the residual block.
          </>
        }
      >
        <div className="diagram-row diagram-single">
          <BlockDiagram config={PRE_BLOCK} title="A residual block (pre-activation)" />
        </div>
      </Figure>
      <p>
        The block learns the residual <Katex tex="F(x) = H(x) - x" punct="," /> the difference
        between what it should output and what it was given. If the best thing a block can do is
        nothing, its branch only has to output zero. For a branch of bare weight layers that means
        weights at zero, where weight decay pulls them. When batch norm ends the branch, as in the
        original block, shrinking the weights does not shrink the branch&apos;s output, since batch
        norm rescales it to unit variance: it is batch norm&apos;s scale <Katex tex="\gamma" /> and
        shift <Katex tex="\beta" /> that must go to zero. ResNets do not start there (they start
        from He initialisation), and our labs use no weight decay. He et al. put the idea as a
        hypothesis: pushing a residual to zero should be easier for the optimiser than fitting an
        identity with a stack of nonlinear layers <Cite id="he2015" />. A deep residual network does
        contain every shallower one, as the special case where some branches output zero; whether
        training finds that case is what the degradation of deep plain networks, and the labs below,
        put to the test.
      </p>
      <p>
        Two cautions before going further. First, this is an argument about what the optimiser can
        reach, not a theorem about the test set: a deeper network can still overfit. Second, being
        able to fall back to a shallower network does not mean a deeper one will do better. The
        table shows both: error falls with depth up to 110 layers, and then the 1202-layer network
        is <em>worse</em>, although its training error is below 0.1%. Going deeper helped
        generalisation up to a point, and past it the extra capacity was spent on memorising the
        training set. (These are comparisons between depths of one design; they do not show that a
        deep network beats a shallow, wide one in general.)
      </p>
      <Figure
        caption={
          <>
            ResNets on CIFAR-10, <Katex tex="6n+2" /> layers, test error. ResNet-110: best of 5 runs
            (mean 6.61 ± 0.16). The 1202-layer net fits the training set almost perfectly and still
            tests worse: overfitting, not a failure to optimise <Cite id="he2015" />.
          </>
        }
      >
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">ResNet</th>
              <th scope="col">n (blocks per stage)</th>
              <th scope="col">parameters</th>
              <th scope="col">test error %</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>20</td>
              <td>3</td>
              <td>0.27M</td>
              <td>8.75</td>
            </tr>
            <tr>
              <td>32</td>
              <td>5</td>
              <td>0.46M</td>
              <td>7.51</td>
            </tr>
            <tr>
              <td>44</td>
              <td>7</td>
              <td>0.66M</td>
              <td>7.17</td>
            </tr>
            <tr>
              <td>56</td>
              <td>9</td>
              <td>0.85M</td>
              <td>6.97</td>
            </tr>
            <tr className="best">
              <td>110</td>
              <td>18</td>
              <td>1.7M</td>
              <td>6.43</td>
            </tr>
            <tr className="worse">
              <td>1202</td>
              <td>200</td>
              <td>19.4M</td>
              <td>7.93</td>
            </tr>
          </tbody>
        </table>
      </Figure>
      <p>
        On this page every claim about training comes with a network you can train in your browser.
        Each lab sits beside the claim it tests, with the settings that claim names; the{' '}
        <a href="#playground">playground</a> at the end has every setting at once.
      </p>
    </Section>
  );
}
