import '../components/article/article.css';
import { TableOfContents } from './TableOfContents';
import { HeroFigure } from '../components/hero/HeroFigure';
import { figureLabel } from './numbering';
import { LabRef } from './Ref';
import { BatchNorm } from './BatchNorm';
import { BeforeResNets } from './BeforeResNets';
import { GradientFlow } from './GradientFlow';
import { Playground } from './Playground';
import { Depth } from './Depth';
import { References } from './References';
import { ResidualBlock } from './ResidualBlock';
import { Stack } from './Stack';

/** The whole article, section by section, in reading order (see sections.ts). */
export function Article() {
  return (
    <>
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
    </>
  );
}
