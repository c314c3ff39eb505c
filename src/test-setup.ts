/**
 * Set-up of every unit test file: KaTeX loads on demand in the app (katexLoader.ts); loading it
 * first lets components typeset synchronously, as the tests expect.
 */
import { loadKatex } from './components/katexLoader';

await loadKatex();
