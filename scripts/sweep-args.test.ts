import { describe, expect, it } from 'vitest';
import { THOUSAND_LAYERS_SPEC } from '../src/model/studies/thousand-layers/spec';
import { LANDSCAPE_SPEC } from '../src/model/studies/landscape/spec';
import { LESION_SPEC } from '../src/model/studies/lesion/spec';
import { PATHS_SPEC } from '../src/model/studies/paths/spec';
import { SHATTERED_SPEC } from '../src/model/studies/shattered/spec';
import { DEGRADATION_SPEC } from '../src/model/studies/degradation/spec';
import { UsageError } from './cli-args';
import { parseSweepArgs } from './sweep-args';

describe('npm run sweep arguments', () => {
  it("default to the article's sweep and its shipped file", () => {
    expect(parseSweepArgs([])).toEqual({
      study: 'degradation',
      spec: DEGRADATION_SPEC,
      out: 'public/sweeps/degradation.json',
    });
  });

  it('set depths, seeds, steps, optimizers and changes to the base configuration', () => {
    const args = parseSweepArgs([
      '--depths',
      '2,8',
      '--seeds',
      '4',
      '--steps',
      '50',
      '--optimizers',
      'momentum:0.02,adam',
      '--set',
      '{"width":16}',
      '--out',
      'x.json',
    ]);
    if (args.study !== 'degradation') throw new Error('expected a depth sweep');
    const { spec, out } = args;
    expect(spec.depths).toEqual([2, 8]);
    expect(spec.seeds).toEqual([4]);
    expect(spec.base).toMatchObject({ steps: 50, width: 16 });
    // A name alone takes the article's rate for it.
    expect(spec.optimizers).toEqual([
      { optimizer: 'momentum', learningRate: 0.02 },
      { optimizer: 'adam', learningRate: 0.003 },
    ]);
    expect(out).toBe('x.json');
    expect(() => parseSweepArgs(['--optimizers', 'sgd'])).toThrow(/sgd needs a rate/);
    expect(() => parseSweepArgs(['--optimizers', 'lbfgs:1'])).toThrow(/--optimizers takes sgd/);
    expect(() => parseSweepArgs(['--set', '{"learningRate":0.1}'])).toThrow(
      /cannot change learningRate: .*use --optimizers/,
    );
  });

  it.each([
    ['degradation', []],
    ['lesion', ['--lesion']],
  ])('run the %s study on held-out seeds only when the seeds are not picked by hand', (_, kind) => {
    const seedsOf = (argv: string[]) => {
      const args = parseSweepArgs([...kind, ...argv]);
      if (args.study !== 'degradation' && args.study !== 'lesion') throw new Error('wrong kind');
      return [args.spec.seeds, args.spec.heldOutSeeds];
    };
    expect(seedsOf([])).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(seedsOf(['--seeds', '2'])).toEqual([[2], []]);
    expect(seedsOf(['--seeds', '2', '--held-out-seeds', '7,8'])).toEqual([[2], [7, 8]]);
    expect(seedsOf(['--held-out-seeds', '7', '--seeds', '2'])).toEqual([[2], [7]]);
    expect(seedsOf(['--held-out-seeds', 'none'])).toEqual([[1, 2, 3], []]);
  });

  it('make the thousand-layer comparison with --thousand-layers', () => {
    expect(parseSweepArgs(['--thousand-layers'])).toEqual({
      study: 'thousand-layers',
      spec: THOUSAND_LAYERS_SPEC,
      out: 'public/sweeps/thousand-layers.json',
    });
    const args = parseSweepArgs([
      '--thousand-layers',
      '--seeds',
      '2',
      '--steps',
      '5',
      '--optimizers',
      'adam',
      '--set',
      '{"blocks":20}',
    ]);
    if (args.study !== 'thousand-layers') throw new Error('expected the comparison');
    expect(args.spec.seeds).toEqual([2]);
    expect(args.spec.heldOutSeeds).toEqual([4, 5, 6]);
    expect(args.spec.optimizers).toEqual(['adam']);
    expect(args.spec.base).toMatchObject({ steps: 5, blocks: 20 });
    // The learning-rate axis is SGD with momentum's; the held-out seeds may be left out.
    const quick = parseSweepArgs([
      '--thousand-layers',
      '--rates',
      '0.01,0.05',
      '--held-out-seeds',
      'none',
    ]);
    if (quick.study !== 'thousand-layers') throw new Error('expected the comparison');
    expect(quick.spec.learningRates).toEqual({ momentum: [0.01, 0.05], adam: [0.003] });
    expect(quick.spec.heldOutSeeds).toEqual([]);
    const other = parseSweepArgs(['--thousand-layers', '--held-out-seeds', '7,8']);
    if (other.study !== 'thousand-layers') throw new Error('expected the comparison');
    expect(other.spec.heldOutSeeds).toEqual([7, 8]);
  });

  it('make the lesion study with --lesion, at most half the blocks deleted together', () => {
    expect(parseSweepArgs(['--lesion'])).toEqual({
      study: 'lesion',
      spec: LESION_SPEC,
      out: 'public/sweeps/lesion.json',
    });
    const args = parseSweepArgs(['--lesion', '--draws', '3', '--set', '{"blocks":6}']);
    if (args.study !== 'lesion') throw new Error('expected the lesion study');
    expect(args.spec).toMatchObject({ draws: 3, kMax: 3 });
    expect(args.spec.base.blocks).toBe(6);
    expect(() => parseSweepArgs(['--lesion', '--set', '{"skip":"none"}'])).toThrow(
      /cannot change skip/,
    );
  });

  it('make the path-length study with --paths, only for pre-activation residual nets', () => {
    expect(parseSweepArgs(['--paths'])).toEqual({
      study: 'paths',
      spec: PATHS_SPEC,
      out: 'public/sweeps/paths.json',
    });
    const args = parseSweepArgs(['--paths', '--samples', '4', '--set', '{"blocks":6}']);
    if (args.study !== 'paths') throw new Error('expected the path-length study');
    expect(args.spec.samples).toBe(4);
    expect(args.spec.base.blocks).toBe(6);
    expect(() => parseSweepArgs(['--paths', '--set', '{"order":"post"}'])).toThrow(
      /pre-activation residual nets/,
    );
    expect(() => parseSweepArgs(['--paths', '--set', '{"seed":4}'])).toThrow(/use --seeds/);
    expect(() => parseSweepArgs(['--paths', '--set', '{"branchScale":0.5}'])).toThrow(
      /--branch-scales/,
    );
    // A quick run: one seed, no held-out ones, one branch scale.
    const quick = parseSweepArgs([
      '--paths',
      '--seeds',
      '2',
      '--held-out-seeds',
      'none',
      '--branch-scales',
      '0.5',
    ]);
    if (quick.study !== 'paths') throw new Error('expected the path-length study');
    expect(quick.spec).toMatchObject({ seeds: [2], heldOutSeeds: [], branchScales: [0.5] });
    expect(() => parseSweepArgs(['--paths', '--branch-scales', '0,1'])).toThrow(
      /--branch-scales takes numbers in \(0, 1\]/,
    );
    expect(() => parseSweepArgs(['--paths', '--held-out-seeds', 'x'])).toThrow(
      /--held-out-seeds takes integers/,
    );
  });

  it('make the loss-landscape slices with --landscape', () => {
    expect(parseSweepArgs(['--landscape'])).toEqual({
      study: 'landscape',
      spec: LANDSCAPE_SPEC,
      out: 'public/sweeps/landscape.json',
    });
    const args = parseSweepArgs([
      '--landscape',
      ...['--grid', '11', '--depths', '4,6', '--statistics', 'recomputed'],
      ...['--set', '{"width":8}'],
    ]);
    if (args.study !== 'landscape') throw new Error('expected the slices');
    expect(args.spec).toMatchObject({ grid: 11, depths: [4, 6], bnStatistics: ['recomputed'] });
    expect(args.spec.base.width).toBe(8);
    expect(() => parseSweepArgs(['--landscape', '--set', '{"skip":"none"}'])).toThrow(
      /cannot change skip/,
    );
    expect(() => parseSweepArgs(['--landscape', '--set', '{"blocks":4}'])).toThrow(
      /cannot change blocks.*--depths/,
    );
    expect(() => parseSweepArgs(['--landscape', '--statistics', 'frozen,running'])).toThrow(
      /--statistics takes frozen, recomputed/,
    );
    expect(() => parseSweepArgs(['--landscape', '--depths', '0'])).toThrow(/--depths/);
  });

  it('run the landscape’s held-out seeds only when the seeds are the spec’s or --held-out-seeds names them', () => {
    const held = (...argv: string[]) => {
      const args = parseSweepArgs(['--landscape', ...argv]);
      if (args.study !== 'landscape') throw new Error('expected the slices');
      return [args.spec.seeds, args.spec.heldOutSeeds];
    };
    expect(held()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(held('--seeds', '2')).toEqual([[2], []]);
    expect(held('--seeds', '2', '--held-out-seeds', '5')).toEqual([[2], [5]]);
    expect(held('--held-out-seeds', '5', '--seeds', '2')).toEqual([[2], [5]]);
    expect(held('--held-out-seeds', 'none')).toEqual([[1, 2, 3], []]);
  });

  it('make the shattered-gradients measurements with --shattered', () => {
    expect(parseSweepArgs(['--shattered'])).toEqual({
      study: 'shattered',
      spec: SHATTERED_SPEC,
      out: 'public/sweeps/shattered.json',
    });
    const args = parseSweepArgs(['--shattered', '--depths', '2,8', '--seeds', '4']);
    if (args.study !== 'shattered') throw new Error('expected the shattered measurements');
    expect(args.spec).toMatchObject({ depths: [2, 8], seeds: [4], traceDepths: [8] });
    expect(() => parseSweepArgs(['--shattered', '--depths', '0'])).toThrow(/at least 1/);
    expect(() => parseSweepArgs(['--shattered', '--set', '{}'])).toThrow(/unknown option --set/);
    const scales = parseSweepArgs([
      '--shattered',
      '--branch-scales',
      '0.5,0.1',
      '--held-out-seeds',
      'none',
    ]);
    if (scales.study !== 'shattered') throw new Error('expected the shattered measurements');
    expect(scales.spec).toMatchObject({ branchScales: [0.5, 0.1], heldOutSeeds: [] });
    expect(parseSweepArgs(['--shattered', '--held-out-seeds', '7,8']).spec).toMatchObject({
      seeds: [1, 2, 3],
      heldOutSeeds: [7, 8],
    });
    for (const bad of ['0', '1.5', '1,1', '', '0.5,,1', 'x'])
      expect(() => parseSweepArgs(['--shattered', '--branch-scales', bad])).toThrow(
        /--branch-scales takes distinct numbers in \(0, 1\]/,
      );
  });

  it.each([
    [['--thousand-layers', '--optimizers', 'sgd'], /--optimizers takes momentum, adam/],
    [['--thousand-layers', '--set', '{"order":"post"}'], /cannot change order/],
    [['--thousand-layers', '--set', '{"learningRate":0.1}'], /cannot change learningRate/],
    [['--thousand-layers', '--rates', '0.05,0.01'], /--rates takes ascending numbers/],
    [['--thousand-layers', '--rates', '0,0.01'], /--rates takes ascending numbers/],
    [['--thousand-layers', '--rates', 'x'], /--rates takes ascending numbers/],
    [['--thousand-layers', '--held-out-seeds', '-1'], /--held-out-seeds takes integers/],
    [['--thousand-layers', '--set', '{"blocks":501}'], /blocks/],
    [['--thousand-layers', '--depths', '1'], /unknown option --depths/],
    [['--seeds', '1', '--thousand-layers'], /goes first/],
    [['--depths', '2,x'], /--depths takes integers/],
    [['--depths', '0'], /--depths takes integers of at least 1/],
    [['--depths', '2,1000'], /blocks/],
    [['--set', '{oops'], /--set takes a JSON object/],
    [['--set', '[1]'], /--set takes a JSON object/],
    [['--set', '{"optimizer":"rmsprop"}'], /optimizer/],
    [['--seeds'], /--seeds needs a value/],
    [['--fast', '1'], /unknown option --fast/],
  ])('reject %j with a sentence', (argv, message) => {
    expect(() => parseSweepArgs(argv)).toThrow(message);
  });

  it('combine repeated options as each kind always has', () => {
    // The depth sweep keeps only the last --set, and its --steps wins over --set in any order.
    const depth = parseSweepArgs(['--set', '{"width":8}', '--set', '{"steps":9}', '--steps', '5']);
    if (depth.study !== 'degradation') throw new Error('expected a depth sweep');
    expect(depth.spec.base).toMatchObject({ width: DEGRADATION_SPEC.base.width, steps: 5 });
    // The other kinds add repeated --set options up; --steps is one more change, the last wins.
    const deep = parseSweepArgs([
      '--thousand-layers',
      '--set',
      '{"width":8}',
      '--steps',
      '5',
      '--set',
      '{"steps":9}',
    ]);
    if (deep.study !== 'thousand-layers') throw new Error('expected the comparison');
    expect(deep.spec.base).toMatchObject({ width: 8, steps: 9 });
  });

  it.each([
    [['constructor', '1'], /unknown option constructor/],
    [['--lesion', 'toString', '1'], /unknown option toString/],
    [['--lesion', '--fast'], /--fast needs a value/],
  ])('read only its own options: %j is rejected', (argv, message) => {
    expect(() => parseSweepArgs(argv)).toThrow(message);
  });

  it('throws usage errors for the CLI to exit with code 2', () => {
    expect(() => parseSweepArgs(['--bad', '1'])).toThrow(UsageError);
  });
});
