import { afterEach, describe, expect, it, vi } from 'vitest';
import { cancelRequest, claimTraining, releaseTraining, requestTraining } from './trainingToken';

const a = Symbol('a');
const b = Symbol('b');
const c = Symbol('c');

afterEach(() => {
  for (const lab of [a, b, c]) releaseTraining(lab);
});

describe('the page-wide training token', () => {
  it('starts a request at once when no lab trains', () => {
    const start = vi.fn();
    requestTraining(a, start);
    expect(start).toHaveBeenCalledOnce();
  });

  it('makes a request wait while another lab trains, and starts it when that one releases', () => {
    const stopA = vi.fn();
    claimTraining(a, stopA);
    const startB = vi.fn();
    requestTraining(b, startB);
    expect(startB).not.toHaveBeenCalled();
    releaseTraining(a);
    expect(startB).toHaveBeenCalledOnce();
    expect(stopA).not.toHaveBeenCalled();
  });

  it('stops the lab that trains when another claims the token (the reader pressed Train)', () => {
    const stopA = vi.fn();
    claimTraining(a, stopA);
    claimTraining(b, vi.fn());
    expect(stopA).toHaveBeenCalledOnce();
    // a no longer holds the token: its release starts nobody while b trains.
    const startC = vi.fn();
    requestTraining(c, startC);
    releaseTraining(a);
    expect(startC).not.toHaveBeenCalled();
    releaseTraining(b);
    expect(startC).toHaveBeenCalledOnce();
  });

  it('forgets a cancelled request (the lab left the screen)', () => {
    claimTraining(a, vi.fn());
    const startB = vi.fn();
    requestTraining(b, startB);
    cancelRequest(b);
    releaseTraining(a);
    expect(startB).not.toHaveBeenCalled();
  });

  it('hands the token to the latest request first', () => {
    claimTraining(a, vi.fn());
    const order: string[] = [];
    requestTraining(b, () => order.push('b'));
    requestTraining(c, () => order.push('c'));
    releaseTraining(a);
    expect(order).toEqual(['c']);
  });
});
