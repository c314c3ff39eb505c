/**
 * The engine's backends as a reader knows them, for the labs' status lines and the captions of
 * precomputed figures.
 */

const BACKEND_NAME: Record<string, string> = {
  wasm: 'WebAssembly',
  webgl: 'WebGL',
  cpu: 'plain JavaScript',
};

/** A backend as a reader knows it: "WebAssembly" for wasm; an unknown name as it is. */
export function backendName(backend: string): string {
  return BACKEND_NAME[backend] ?? backend;
}
