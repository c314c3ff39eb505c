import { LabFigure } from '../components/article/LabFigure';
import { Section } from './Section';

/**
 * The last section: the full lab with every setting, after the article has explained block order,
 * branch scale and the gradients it plots.
 */
export function Playground() {
  return (
    <Section id="playground">
      <p>
        Every lab above started from a configuration chosen to test one claim. This one starts from
        a single pre-activation ReLU network of 12 blocks with batch norm and leaves the choices to
        you: skip connections, depth, block order, batch norm, activation, initialisation and branch
        scale, and the data, width, batch, optimiser and learning rate. Compare it with a second
        network trained on the same batches, or load any lab of the article as a starting point. The
        address bar keeps the settings, so a copied link reproduces what you see.
      </p>
      <LabFigure preset="playground" />
    </Section>
  );
}
