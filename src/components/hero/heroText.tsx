/**
 * The opening figure's words: the one sentence that says what to look for, with its numbers read
 * from the precomputed profiles (heroData.ts; heroData.test.ts checks that they still say what the
 * sentence says), and the caption, with the configuration read from the net itself.
 */
import type { ExperimentConfig } from '../../model/config';
import { activationName, initWords, OPTION_LABELS } from '../lab/labels';
import { heroNumbers } from './heroData';

const NUMBERS = heroNumbers();

/** What to look for. */
export function HeroLookFor() {
  const { blocks, plainDecades, residualRatio } = NUMBERS;
  return (
    <>
      Look at the left end of the profile, where the gradient reaches the first blocks: without
      shortcuts block 1 gets {plainDecades} orders of magnitude less of it than block {blocks}; with
      them, about as much ({residualRatio.toPrecision(2)} times).
    </>
  );
}

/** Figure 1's caption: what is drawn, at which configuration, and what it does not show. */
export function HeroCaption({ net }: { net: ExperimentConfig }) {
  const optimizer = OPTION_LABELS.optimizer![net.optimizer];
  return (
    <>
      <strong>Figure 1.</strong> The norm of the loss gradient ‖∂L/∂W‖ for each weight matrix of one
      network, at initialisation (step 0), on a log scale: {net.blocks} pre-activation blocks of two
      dense layers of width {net.width}, {activationName(net.activation)},{' '}
      {net.norm === 'none' ? 'no batch norm' : 'batch norm'}, {initWords(net.init)}, residual
      branches scaled by {net.branchScale}; {net.dataset} data, one batch of {net.batchSize}, seed{' '}
      {net.seed}. The faint lines are the same net with the switch the other way. Both switch
      positions at every depth offered were computed ahead; a net with single shortcuts cut is
      computed by the engine in your browser. Train runs {optimizer} at {net.learningRate} for{' '}
      {net.steps} steps. This is one seed, and a profile at step 0 says how the gradient arrives,
      not whether the net will learn: the <a href="#lab-vanishing">vanishing-gradient lab</a> below
      trains both nets on three seeds and explains why.
    </>
  );
}
