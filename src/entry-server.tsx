/**
 * The article rendered to HTML at build time (the prerender plugin in vite.config.ts calls this
 * through Vite's SSR loader). The browser then hydrates the same tree (main.tsx): the first paint
 * shows the text and the typeset equations before any script has run, and the page reads with
 * scripts off. Labs render a placeholder here and mount in the browser (LabFigure).
 */
import { renderToString } from 'react-dom/server';
import { App } from './App';
import { loadKatex } from './components/katexLoader';

/** The markup of <App /> for the #root element of index.html. */
export async function render(): Promise<string> {
  // Equations are typeset into the markup, synchronously: KaTeX must be there first.
  await loadKatex();
  return renderToString(<App />);
}
