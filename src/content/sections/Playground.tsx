import { LabFigure } from '../../components/article/LabFigure';
import { labLabel } from '../numbering';
import { Section } from '../Section';

/**
 * The last section: the full lab with every setting, after the article has explained block order,
 * branch scale and the gradients it plots.
 */
export function Playground() {
  return (
    <Section id="playground">
      <p>
        Every lab above tests one claim. This one starts from a pre-activation ReLU network of 12
        blocks with batch norm and leaves the rest to you. Compare it with a second network trained
        on the same batches, or load any lab as a starting point; the address bar keeps your
        settings.
      </p>
      <LabFigure preset="playground" label={labLabel('playground')} />
    </Section>
  );
}
