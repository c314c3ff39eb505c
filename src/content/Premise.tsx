import { Katex } from '../components/Katex';
import { Cite } from './Cite';
import { Figure } from '../components/article/Figure';
import { Aside } from './Aside';
import { tableLabel } from './numbering';
import { TableRef } from './Ref';
import { DegradationFigure } from '../components/article/DegradationFigure';

/**
 * The first part of the section on block order and depth: degradation, He et al.'s experiment on
 * our engine (the figure), and what depth did for ResNets on CIFAR-10 (the table).
 */
export function Degradation() {
  return (
    <>
      <DegradationFigure>
        {' '}
        Each dot is one training run; the line joins the medians over seeds.
      </DegradationFigure>
      <p>
        The figure repeats that experiment <Cite id="he2015" /> on a toy problem, in the engine that
        trains the labs on this page: dense blocks on a two-class spiral instead of convolutions on
        images. Up to a few blocks, plain and residual nets fit the training set equally well. From
        there on the plain nets end worse the deeper they are, until the deepest are no better than
        chance, while the residual nets of every depth fit. The training curves in the third plot
        show that the deep plain net is behind from its first steps: it is not fitting the training
        set and then overfitting, it never fits it. What the figure does not show is why; the
        sections below take that up. Nor does it say anything about images or about the test set: it
        is a claim about optimisation, on one toy task, with the optimiser its caption names.
        &ldquo;Run it yourself&rdquo; trains a smaller version of the sweep in your browser, with
        another optimiser, activation or data set if you like.
      </p>
      <Aside title="Deeper is not always better.">
        Falling back on a shallower network does not make a deeper one generalise better, and
        optimisation is not the test set. In <TableRef id="table-resnet-depths" /> the error falls
        with depth up to 110 layers, and the 1202-layer network tests worse although its training
        error is below 0.1%: it overfits <Cite id="he2015" />.
      </Aside>
      <Figure
        id="table-resnet-depths"
        label={tableLabel('table-resnet-depths')}
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
    </>
  );
}
