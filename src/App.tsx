import { useEffect, useLayoutEffect, useState } from 'react';
import { keepAnchors } from './components/anchorKeeper';
import { pageStorage } from './components/lab/run/backendChoice';
import { LabPage, LabPageContext, pageTimings } from './components/lab/page/labPage';
import { Article } from './content/Article';
import { CitationTrail, CitationTrailContext } from './content/citationTrail';

/**
 * The page: a title block and the article. Nothing here loads tfjs; the live labs placed in the
 * article bring the engine in lazily (in a Web Worker) when they are used.
 */
export function App() {
  // What the page's labs share: the URL as read at load, the chosen backend, the training token.
  const [page] = useState(
    () =>
      new LabPage(() => location.search, {
        watchdog: pageTimings(),
        storage: pageStorage(),
        compareBackends: true,
      }),
  );
  // Where the reader followed each citation from, for the reference list's links back.
  const [trail] = useState(() => new CitationTrail());
  // In-page links land on their target and stay there while the labs above it mount. A layout
  // effect, so that it listens before any lab's (passive) effect asks it to hold the lab in view.
  useLayoutEffect(() => keepAnchors(window), []);
  // Says that React owns the page: after this, scripts and tests may change the DOM (before it,
  // a change to the prerendered markup would be a hydration mismatch).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <LabPageContext.Provider value={page}>
      <CitationTrailContext.Provider value={trail}>
        <main className="article" id="top">
          <header className="masthead">
            <p className="kicker">An explorable explanation</p>
            <h1>Residual</h1>
            <p className="lede">
              Why skip connections let very deep networks train, shown with networks that train in
              your browser: every number this page measures comes with a run you can repeat.
            </p>
          </header>
          <Article />
        </main>
      </CitationTrailContext.Provider>
    </LabPageContext.Provider>
  );
}
