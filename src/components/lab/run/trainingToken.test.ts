import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainingToken } from './trainingToken';

const a = Symbol('a');
const b = Symbol('b');
const c = Symbol('c');

let token: TrainingToken;
beforeEach(() => {
  token = new TrainingToken();
});

describe('the page-wide training token', () => {
  it('starts a request at once when no lab trains', () => {
    const start = vi.fn();
    token.request(a, start);
    expect(start).toHaveBeenCalledOnce();
  });

  it('makes a request wait while another lab trains, and starts it when that one releases', () => {
    const stopA = vi.fn();
    token.claim(a, stopA);
    const startB = vi.fn();
    token.request(b, startB);
    expect(startB).not.toHaveBeenCalled();
    token.release(a);
    expect(startB).toHaveBeenCalledOnce();
    expect(stopA).not.toHaveBeenCalled();
  });

  it('stops the lab that trains when another claims the token (the reader pressed Train)', () => {
    const stopA = vi.fn();
    token.claim(a, stopA);
    token.claim(b, vi.fn());
    expect(stopA).toHaveBeenCalledOnce();
    // a no longer holds the token: its release starts nobody while b trains.
    const startC = vi.fn();
    token.request(c, startC);
    token.release(a);
    expect(startC).not.toHaveBeenCalled();
    token.release(b);
    expect(startC).toHaveBeenCalledOnce();
  });

  it('makes a lab that asks to go on from its stop wait for the claimer, not train beside it', () => {
    const startA = vi.fn();
    token.claim(a, () => token.request(a, startA));
    token.claim(b, vi.fn());
    expect(startA).not.toHaveBeenCalled();
    token.release(b);
    expect(startA).toHaveBeenCalledOnce();
  });

  it('forgets a cancelled request (the lab left the screen)', () => {
    token.claim(a, vi.fn());
    const startB = vi.fn();
    token.request(b, startB);
    token.cancel(b);
    token.release(a);
    expect(startB).not.toHaveBeenCalled();
  });

  it('hands the token to the latest request first', () => {
    token.claim(a, vi.fn());
    const order: string[] = [];
    token.request(b, () => order.push('b'));
    token.request(c, () => order.push('c'));
    token.release(a);
    expect(order).toEqual(['c']);
  });
});
