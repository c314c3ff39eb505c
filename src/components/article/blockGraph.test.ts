import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../model/engine/config';
import { blockGraph } from './blockGraph';

const labels = (g: ReturnType<typeof blockGraph>) => g.nodes.map((n) => n.label);

describe('blockGraph', () => {
  it('draws the original block with the activation after the addition', () => {
    const g = blockGraph({ ...DEFAULT_CONFIG, order: 'post' });
    expect(labels(g)).toEqual(['x_l', 'W1', 'BN', 'ReLU', 'W2', 'BN', '+', 'ReLU', 'x_l+1']);
    expect(g.actOnIdentityPath).toBe(true);
    expect(g.formula).toBe(
      String.raw`x_{l+1} = \mathrm{ReLU}(x_l + \mathrm{BN}(W_2\,\mathrm{ReLU}(\mathrm{BN}(W_1 x_l))))`,
    );
    expect(g.edges.filter((e) => e.kind === 'skip')).toHaveLength(1);
  });

  it('draws the pre-activation block with nothing after the addition', () => {
    const g = blockGraph({ ...DEFAULT_CONFIG, order: 'pre' });
    expect(labels(g)).toEqual(['x_l', 'BN', 'ReLU', 'W1', 'BN', 'ReLU', 'W2', '+', 'x_l+1']);
    expect(g.actOnIdentityPath).toBe(false);
    expect(g.formula).toBe(
      String.raw`x_{l+1} = x_l + W_2\,\mathrm{ReLU}(\mathrm{BN}(W_1\,\mathrm{ReLU}(\mathrm{BN}(x_l))))`,
    );
  });

  it('draws a plain block without a shortcut or an addition', () => {
    const g = blockGraph({ ...DEFAULT_CONFIG, skip: 'none', order: 'post' });
    expect(labels(g)).toEqual(['x_l', 'W1', 'BN', 'ReLU', 'W2', 'BN', 'ReLU', 'x_l+1']);
    expect(g.edges.every((e) => e.kind === 'main')).toBe(true);
  });

  it('follows the norm, activation and branch scale of the config', () => {
    const g = blockGraph({
      ...DEFAULT_CONFIG,
      norm: 'none',
      activation: 'sigmoid',
      branchScale: 0.2,
    });
    expect(labels(g)).toEqual(['x_l', 'sigmoid', 'W1', 'sigmoid', 'W2', '× 0.2', '+', 'x_l+1']);
    expect(g.formula).toBe(
      String.raw`x_{l+1} = x_l + 0.2\,W_2\,\mathrm{sigmoid}(W_1\,\mathrm{sigmoid}(x_l))`,
    );
  });

  it('connects every node to the next one', () => {
    const g = blockGraph(DEFAULT_CONFIG);
    const main = g.edges.filter((e) => e.kind === 'main');
    expect(main).toHaveLength(g.nodes.length - 1);
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
  });
});
