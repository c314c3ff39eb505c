// @vitest-environment jsdom
/** The opening figure's diagram as a control: one toggle button per shortcut, and the keys. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useReducer } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { HeroDiagram } from './HeroDiagram';
import { heroReducer, INITIAL_HERO, type HeroState } from './heroState';

afterEach(cleanup);

/** The diagram over the figure's reducer; `seen` gets every state. */
function Harness({ seen }: { seen: HeroState[] }) {
  const [state, dispatch] = useReducer(heroReducer, INITIAL_HERO);
  seen.push(state);
  return (
    <HeroDiagram
      state={state}
      onShortcut={(block, on) => dispatch({ type: 'shortcut', block, on })}
    />
  );
}

const shortcut = (k: number) => screen.getByRole('button', { name: `Shortcut around block ${k}` });

describe('the opening figure’s diagram', () => {
  it('has a pressed toggle per block; a click cuts that one shortcut, a second restores it', () => {
    const seen: HeroState[] = [];
    render(<Harness seen={seen} />);
    expect(screen.getAllByRole('button')).toHaveLength(24);
    expect(
      screen.getAllByRole('button').every((b) => b.getAttribute('aria-pressed') === 'true'),
    ).toBe(true);
    fireEvent.click(shortcut(7));
    expect(shortcut(7).getAttribute('aria-pressed')).toBe('false');
    expect(shortcut(6).getAttribute('aria-pressed')).toBe('true');
    expect(seen.at(-1)!.skip).toEqual(
      Array.from({ length: 24 }, (_, l) => (l === 6 ? 'none' : 'identity')),
    );
    fireEvent.click(shortcut(7));
    expect(shortcut(7).getAttribute('aria-pressed')).toBe('true');
    expect(seen.at(-1)!.skip).toBe('identity');
  });

  it('is one tab stop; arrows, Home and End move along the blocks', () => {
    render(<Harness seen={[]} />);
    const tabbable = screen.getAllByRole('button').filter((b) => b.tabIndex === 0);
    expect(tabbable).toEqual([shortcut(1)]);
    shortcut(1).focus();
    fireEvent.keyDown(shortcut(1), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(shortcut(2));
    expect(shortcut(2).tabIndex).toBe(0);
    expect(shortcut(1).tabIndex).toBe(-1);
    fireEvent.keyDown(shortcut(2), { key: 'End' });
    expect(document.activeElement).toBe(shortcut(24));
    fireEvent.keyDown(shortcut(24), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(shortcut(24));
    fireEvent.keyDown(shortcut(24), { key: 'Home' });
    expect(document.activeElement).toBe(shortcut(1));
  });

  it('shows no switch until scripts can act on it', () => {
    render(<HeroDiagram state={INITIAL_HERO} onShortcut={() => undefined} enabled={false} />);
    expect(screen.getAllByRole('button').every((b) => (b as HTMLButtonElement).disabled)).toBe(
      true,
    );
  });
});
