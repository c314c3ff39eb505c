/**
 * The opening figure's words: the one sentence that says what to look for, with its numbers read
 * from the precomputed profiles (heroData.ts; heroData.test.ts checks that they still say what the
 * sentence says), and the caption, with the configuration read from the net itself.
 */
import type { ReactNode } from 'react';
import type { ExperimentConfig } from '../../model/engine/config';
import { activationName, initWords, OPTION_LABELS } from '../common/configWords';
import { heroNumbers } from './heroData';

/** What to look for, at the depth shown: its numbers follow the depth picked. */
export function HeroLookFor({ blocks }: { blocks: number }) {
  const { plainDecades, residualRatio } = heroNumbers(blocks);
  return (
    <>
      Look at the left end of the profile, where the gradient reaches the first blocks: without
      shortcuts block 1 gets {plainDecades} order{plainDecades === 1 ? '' : 's'} of magnitude less
      of it than block {blocks}; with them, about as much ({residualRatio.toPrecision(2)} times).
    </>
  );
}

/**
 * The caption after the figure's number: what is drawn, at which configuration, and what it does
 * not show. `labRef` links the lab that trains both nets ("Lab 1").
 */
export function HeroCaption({ net, labRef }: { net: ExperimentConfig; labRef: ReactNode }) {
  const optimizer = OPTION_LABELS.optimizer![net.optimizer];
  return (
    <>
      The gradient norm ‖∂L/∂W‖ of each weight matrix at initialisation (step 0), on a log scale,
      for one net: {net.blocks} pre-activation blocks of two dense layers of width {net.width},{' '}
      {activationName(net.activation)}, {net.norm === 'none' ? 'no batch norm' : 'batch norm'},{' '}
      {initWords(net.init)}, residual branches scaled by {net.branchScale}; {net.dataset} data, a
      batch of {net.batchSize}, seed {net.seed}. A tick such as &ldquo;block 4a&rdquo; names the
      first weight layer of block 4, &ldquo;4b&rdquo; its second. Faint: the same net with the
      switch the other way. Both switch positions at every depth were computed ahead of time; a net
      with single shortcuts cut is computed by the engine in your browser, and so is training (
      {optimizer} at {net.learningRate}, {net.steps} steps). This is one seed, and a profile at step
      0 shows how the gradient arrives, not whether the net learns: {labRef} below trains both nets
      and explains why.
    </>
  );
}
