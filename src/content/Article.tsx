import '../components/article/article.css';
import { TableOfContents } from './TableOfContents';
import { HeroFigure } from '../components/hero/HeroFigure';
import { LabOrderContext } from '../components/lab/slot/placement';
import { figureLabel, LABS } from './numbering';
import { LabRef } from './Ref';
import { BatchNorm } from './sections/BatchNorm';
import { BeforeResNets } from './sections/BeforeResNets';
import { GradientFlow } from './sections/GradientFlow';
import { Playground } from './sections/Playground';
import { Depth } from './sections/Depth';
import { References } from './References';
import { ResidualBlock } from './sections/ResidualBlock';
import { Stack } from './sections/Stack';

/**
 * The whole article, section by section, in reading order (see sections.ts). Its labs learn their
 * place among the others from LABS, in the same order (numbering.ts; the article test checks it).
 */
export function Article() {
  return (
    <LabOrderContext.Provider value={LABS}>
      <HeroFigure id="opening" label={figureLabel('opening')} labRef={<LabRef id="vanishing" />} />
      <TableOfContents />
      <ResidualBlock />
      <GradientFlow />
      <BatchNorm />
      <Depth />
      <Stack />
      <BeforeResNets />
      <Playground />
      <References />
    </LabOrderContext.Provider>
  );
}
