// @vitest-environment jsdom
import { render, screen, cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';

afterEach(cleanup);

describe('App shell', () => {
  it('says what the page is', () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Residual');
    expect(screen.getByText(/skip connections let very deep networks train/)).toBeTruthy();
  });
});
