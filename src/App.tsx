/**
 * The page shell. It loads nothing heavy: the article sections and the live labs (which bring
 * tfjs, in a Web Worker) are added by the next issues and load lazily.
 */
export function App() {
  return (
    <main className="article">
      <header>
        <p className="kicker">An explorable explanation</p>
        <h1>Residual</h1>
        <p className="lede">
          Why skip connections let very deep networks train: an article about residual networks with
          live models that train in your browser, so that every claim on the page is one you can
          check by switching a skip connection off and watching the gradients.
        </p>
      </header>
      <section aria-labelledby="status">
        <h2 id="status">What is here so far</h2>
        <p>
          The engine that trains every lab runs in Node today (see the README for the experiment
          command). The article and the live labs are being built.
        </p>
      </section>
    </main>
  );
}
