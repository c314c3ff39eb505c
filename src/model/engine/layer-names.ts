/**
 * The names of a network's weight matrices in the order its history reports their gradient
 * norms (stem, each block's two layers, head), without building the network: the page needs them
 * to draw a precomputed gradient profile before any tfjs has loaded. network.ts makes the same
 * names; layer-names.test.ts holds the two together.
 */
export function weightLayerNames(blocks: number): string[] {
  const inner = Array.from({ length: blocks }, (_, b) => [
    `block${b + 1}/dense1/kernel`,
    `block${b + 1}/dense2/kernel`,
  ]).flat();
  return ['stem/kernel', ...inner, 'head/kernel'];
}
