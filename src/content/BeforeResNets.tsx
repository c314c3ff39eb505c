import { Katex } from '../components/Katex';
import { Cite } from './Cite';
import { Section } from './Section';

/** Section 2: greedy layer-wise training, careful initialisation, dropout and batch norm. */
export function BeforeResNets() {
  return (
    <Section id="before-2015">
      <p>
        Depth was wanted long before 2015, and several tools made deeper networks trainable, each
        attacking a different part of the problem.
      </p>
      <p>
        <strong>Greedy layer-wise training.</strong> Deep belief networks were trained one layer at
        a time: each new layer learned, without labels, to model the output of the layers below it,
        which stayed fixed while it did <Cite id="hinton2006" />. Stacked autoencoders used the same
        recipe <Cite id="bengio2007" />. Once every layer had been pre-trained this way, the whole
        stack was fine-tuned together with backpropagation. The pre-training gave the deep network a
        starting point from which gradient descent could make progress, at the cost of a long and
        fiddly training pipeline.
      </p>
      <p>
        <strong>Initialisation.</strong> Glorot and Bengio showed that in deep sigmoid and tanh
        networks the back-propagated gradients shrink from the output toward the input, and chose
        the scale of the initial weights,{' '}
        <Katex tex="\mathrm{Var}[W] = 2/(n_{\mathrm{in}} + n_{\mathrm{out}})" punct="," /> to keep
        the variance of signals and gradients roughly constant from layer to layer{' '}
        <Cite id="glorot2010" />. For ReLU units the right scale is{' '}
        <Katex tex="\mathrm{Var}[W] = 2/n_{\mathrm{in}}" punct=":" /> with it a 30-layer plain ReLU
        network trains, with the Glorot scale it stalls <Cite id="heInit2015" />.
      </p>
      <p>
        <strong>Dropout.</strong> Randomly silencing units during training stops them from relying
        on each other and acts as a strong regulariser <Cite id="srivastava2014" />. It addresses
        overfitting, the gap between training and test error; it does not make a deep network easier
        to optimise, and the CIFAR-10 ResNets of the next sections use none.
      </p>
      <p>
        <strong>Batch normalisation.</strong> Normalising the inputs of each layer with the mean and
        variance of the current mini-batch, followed by a learned scale and shift, made training
        faster and tolerant of much larger learning rates <Cite id="ioffe2015" />. It appeared in
        early 2015, became standard quickly, and sits inside every block of the original ResNets.
      </p>
      <p>
        Residual networks did not replace these tools; they were built on two of them, careful
        initialisation and batch norm, and left dropout out. The plain networks that degraded with
        depth in the previous section already had careful initialisation and batch norm. The
        argument about gradients was made for another pair: on ImageNet, where a 34-layer plain
        network also trained to a higher error than an 18-layer one, the authors checked that its
        gradients kept healthy norms and judged vanishing gradients an unlikely cause{' '}
        <Cite id="he2015" />. Something about the plain stack itself made it hard to optimise, and
        that is what the residual block changes.
      </p>
    </Section>
  );
}
