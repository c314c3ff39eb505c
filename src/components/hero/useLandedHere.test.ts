import { describe, expect, it } from 'vitest';
import { landsElsewhere } from './useLandedHere';

describe('landsElsewhere', () => {
  it('is false for a plain visit and for the figure’s own anchor', () => {
    expect(landsElsewhere({ hash: '', search: '' })).toBe(false);
    expect(landsElsewhere({ hash: '#', search: '' })).toBe(false);
    expect(landsElsewhere({ hash: '#opening', search: '?skip=none' })).toBe(false);
  });
  it('is true for another anchor or a shared lab', () => {
    expect(landsElsewhere({ hash: '#lab-playground', search: '' })).toBe(true);
    expect(landsElsewhere({ hash: '', search: '?lab=playground&seed=2' })).toBe(true);
  });
});
