/**
 * Names of a network's layers and signals short enough for a plot's axis: "block 3a" for block 3's
 * first weight layer, x₄ for the input of block 5.
 */

/**
 * "stem", "block 3a" and "block 3b" (block 3's first and second weight layer), "head": words a
 * reader can take in, short enough for a layer axis.
 */
export function shortLayerName(name: string): string {
  const m = /^block(\d+)\/dense([12])\/kernel$/.exec(name);
  if (m) return `block ${m[1]}${m[2] === '1' ? 'a' : 'b'}`;
  return name.replace(/\/kernel$/, '');
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** x_l as plain text, with a subscript index: x₀, x₄₀. */
function signalName(l: number): string {
  return `x${String(l).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)]!)}`;
}

/** x₀ … xₙ for the block inputs. */
export function signalLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => signalName(i));
}
