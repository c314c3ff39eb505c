// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../model/engine/config';
import { BlockDiagram } from './BlockDiagram';

afterEach(cleanup);

describe('BlockDiagram', () => {
  it('draws the block the config describes, shortcut included', () => {
    const { container } = render(
      <BlockDiagram config={{ ...DEFAULT_CONFIG, order: 'post' }} title="Original" />,
    );
    const labels = [...container.querySelectorAll('.node text')].map((t) => t.textContent);
    expect(labels).toEqual(['xl', 'W1', 'BN', 'ReLU', 'W2', 'BN', '+', 'ReLU', 'xl+1']);
    expect(container.querySelectorAll('.edge.skip')).toHaveLength(1);
    expect(container.querySelectorAll('.node.after-add.act')).toHaveLength(1);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/shortcut carries x l/);
    expect(container.querySelector('figcaption .katex')).toBeTruthy();
  });

  it('drops the shortcut and batch norm when the config does', () => {
    const { container } = render(
      <BlockDiagram config={{ ...DEFAULT_CONFIG, skip: 'none', norm: 'none' }} title="Plain" />,
    );
    expect(container.querySelectorAll('.edge.skip')).toHaveLength(0);
    expect(container.querySelectorAll('.node.norm')).toHaveLength(0);
    expect(container.querySelectorAll('.node.add')).toHaveLength(0);
  });
});
