/**
 * Set-up of every unit test file: KaTeX loads on demand in the app (katexLoader.ts); loading it
 * first lets components typeset synchronously, as the tests expect.
 */
import { loadKatex } from './components/katexLoader';

await loadKatex();

// jsdom has no 2-D canvas: it logs "Not implemented" for each getContext call, once per raster
// plot drawn. Answer as a browser without one does (null), which the plots handle by drawing
// nothing, so that a real error stands out in the log.
if (typeof HTMLCanvasElement !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = () => null;
}
