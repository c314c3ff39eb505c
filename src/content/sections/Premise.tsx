import { Katex } from '../../components/Katex';
import { Cite } from '../Cite';
import { Figure } from '../../components/article/Figure';
import { Aside } from '../Aside';
import { figureLabel, tableLabel } from '../numbering';
import { TableRef } from '../Ref';
import { DegradationFigure } from '../../components/studies/degradation/DegradationFigure';
import { DegradationText } from './DegradationText';

/**
 * The first part of the section on block order and depth: degradation, He et al.'s experiment on
 * our engine (the figure), and what depth did for ResNets on CIFAR-10 (the table).
 */
export function Degradation() {
  return (
    <>
      <DegradationFigure label={figureLabel('degradation')}>
        {' '}
        Each dot is one training run; the line joins the medians over seeds.
      </DegradationFigure>
      <DegradationText />
      <Aside title="Deeper is not always better.">
        Fitting is not generalising. In <TableRef id="table-resnet-depths" /> the error falls with
        depth up to 110 layers; the 1202-layer net tests worse with a training error below 0.1%: it
        overfits <Cite id="he2015" />.
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
