import { Katex } from '../../components/Katex';
import { Cite } from '../Cite';
import { Takeaway } from '../Aside';
import { Section } from '../Section';

/** Section 6: how deep nets were trained before residual networks, and what ResNets kept. */
export function BeforeResNets() {
  return (
    <Section id="before-2015">
      <Takeaway>
        Residual networks were built on careful initialisation and batch norm, and replaced the long
        pipelines that came before.
      </Takeaway>
      <p>
        <strong>Greedy layer-wise training.</strong> Deep belief networks were trained one layer at
        a time, each learning without labels to model the output of the fixed layers below it{' '}
        <Cite id="hinton2006" />; stacked autoencoders used the same recipe <Cite id="bengio2007" />
        . Fine-tuning the whole stack with backpropagation then started from a point where gradient
        descent could make progress, at the cost of a long pipeline.
      </p>
      <p>
        <strong>Initialisation.</strong> Glorot and Bengio showed that in deep sigmoid and tanh
        networks the gradients shrink toward the input, and chose the scale{' '}
        <Katex tex="\mathrm{Var}[W] = 2/(n_{\mathrm{in}} + n_{\mathrm{out}})" /> to keep signals and
        gradients steady from layer to layer <Cite id="glorot2010" />. For ReLU the scale is{' '}
        <Katex tex="\mathrm{Var}[W] = 2/n_{\mathrm{in}}" punct=":" /> with it a 30-layer plain ReLU
        network trains, with Glorot&apos;s it stalls <Cite id="heInit2015" />.
      </p>
      <p>
        <strong>Dropout and batch norm.</strong> Dropout is a regulariser{' '}
        <Cite id="srivastava2014" />: it narrows the gap between training and test error, does not
        make a deep network easier to optimise, and the CIFAR-10 ResNets use none. Batch norm made
        training faster and tolerant of larger learning rates <Cite id="ioffe2015" />, and sits in
        every block of the original ResNets.
      </p>
      <p>
        The plain networks that degraded with depth already had careful initialisation and batch
        norm. For the ImageNet pair, a 34-layer plain network that ended with a higher error than an
        18-layer one, He et al. checked that the gradients kept healthy norms and judged vanishing
        gradients an unlikely cause <Cite id="he2015" />. Something about the plain stack itself
        made it hard to optimise, and that is what the residual block changes.
      </p>
    </Section>
  );
}
