import { describe, expect, it } from 'vitest';
import { DEGRADATION_SPEC } from '../src/model/sweep-spec';
import { UsageError } from './cli-args';
import { parseSweepArgs } from './sweep-args';

describe('npm run sweep arguments', () => {
  it("default to the article's sweep and its shipped file", () => {
    expect(parseSweepArgs([])).toEqual({
      spec: DEGRADATION_SPEC,
      out: 'public/sweeps/degradation.json',
    });
  });

  it('set depths, seeds, steps and changes to the base configuration', () => {
    const { spec, out } = parseSweepArgs([
      '--depths',
      '2,8',
      '--seeds',
      '4',
      '--steps',
      '50',
      '--set',
      '{"optimizer":"adam","learningRate":0.003}',
      '--out',
      'x.json',
    ]);
    expect(spec.depths).toEqual([2, 8]);
    expect(spec.seeds).toEqual([4]);
    expect(spec.base).toMatchObject({ steps: 50, optimizer: 'adam', learningRate: 0.003 });
    expect(out).toBe('x.json');
  });

  it.each([
    [['--depths', '2,x'], /--depths takes integers/],
    [['--depths', '0'], /--depths takes integers of at least 1/],
    [['--depths', '2,1000'], /blocks/],
    [['--set', '{oops'], /--set takes a JSON object/],
    [['--set', '{"optimizer":"rmsprop"}'], /optimizer/],
    [['--seeds'], /--seeds needs a value/],
    [['--fast', '1'], /unknown option --fast/],
  ])('reject %j with a sentence', (argv, message) => {
    expect(() => parseSweepArgs(argv)).toThrow(message);
  });

  it('throws usage errors for the CLI to exit with code 2', () => {
    expect(() => parseSweepArgs(['--bad', '1'])).toThrow(UsageError);
  });
});
