/**
 * The article rendered to HTML at build time (the prerender plugin in vite.config.ts calls this
 * through Vite's SSR loader). The browser then hydrates the same tree (main.tsx): the first paint
 * shows the text and the typeset equations before any script has run, and the page reads with
 * scripts off. Labs render a placeholder here and mount in the browser (LabFigure).
 */
import { readFile } from 'node:fs/promises';
import { renderToString } from 'react-dom/server';
import { App } from './App';
import { setPrerenderedSweep } from './components/studies/degradation/DegradationFigure';
import { loadKatex } from './components/katexLoader';
import { DEGRADATION_FILE, type SweepFile } from './model/studies/degradation/spec';

/** The markup of <App /> for the #root element of index.html. */
export async function render(): Promise<string> {
  // Equations are typeset into the markup, synchronously: KaTeX must be there first.
  await loadKatex();
  // So must the shipped results that the text quotes (the browser fetches them).
  const sweep = new URL(`../public/${DEGRADATION_FILE}`, import.meta.url);
  setPrerenderedSweep(JSON.parse(await readFile(sweep, 'utf8')) as SweepFile);
  return renderToString(<App />);
}
