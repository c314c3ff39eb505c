import { Degradation } from './Premise';
import { BlockOrder } from './PreActivation';
import { Takeaway } from '../Aside';
import { Section } from '../Section';

/** Section 4: what depth does to plain and residual nets, and where the nonlinearity goes. */
export function Depth() {
  return (
    <Section id="depth">
      <Takeaway>
        Deep plain networks fit worse the deeper they are; residual ones keep fitting, and at great
        depth the order of the layers inside the block starts to matter.
      </Takeaway>
      <Degradation />
      <BlockOrder />
    </Section>
  );
}
