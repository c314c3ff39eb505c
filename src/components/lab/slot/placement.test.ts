/** A lab's anchor and whether it is the page's first, from the article's order of labs. */
import { describe, expect, it } from 'vitest';
import { labPlacement } from './placement';

describe('labPlacement', () => {
  const order = ['vanishing', 'exploding', 'playground'] as const;

  it('names the first copy of a preset by the preset, later ones by their number', () => {
    expect(labPlacement(order, 'exploding').anchor).toBe('lab-exploding');
    expect(labPlacement(order, 'exploding', 1).anchor).toBe('lab-exploding-2');
  });

  it("makes the first copy of the article's first lab the first, and no other", () => {
    expect(labPlacement(order, 'vanishing').first).toBe(true);
    expect(labPlacement(order, 'vanishing', 1).first).toBe(false);
    expect(labPlacement(order, 'playground').first).toBe(false);
  });

  it('counts a lab with no article around it as the first', () => {
    expect(labPlacement(null, 'playground').first).toBe(true);
  });
});
