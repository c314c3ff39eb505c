// @vitest-environment node
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { preset } from '../src/model/labs/presets';
import type { PathGradients } from '../src/model/studies/paths/spec';
import { type LandscapeResult } from '../src/model/studies/landscape/spec';
import { curvatureMeasures } from '../src/model/studies/landscape/slice';
import { parseCliArgs, UsageError } from './cli-args';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'residual-cli-'));

/**
 * Runs the CLI as the README does (through tsx's loader) and returns its exit code and output.
 * Node loads tsx itself: `npx tsx` would start two more Node processes per run (npx, then tsx's
 * own launcher), about a second of CPU each time.
 */
async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      '--import',
      'tsx',
      'scripts/experiment.ts',
      ...args,
    ]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('parseCliArgs', () => {
  it("runs a lab's preset: the same network, another seed or step count on request", () => {
    const b = preset('vanishing').nets[1]!;
    expect(parseCliArgs(['--preset', 'vanishing', '--net', 'B']).config).toEqual(b);
    expect(parseCliArgs(['--preset', 'vanishing']).config).toEqual(preset('vanishing').nets[0]);
    const o = parseCliArgs(['--preset', 'vanishing', '--net', 'B', '--seed', '3', '--steps', '5']);
    expect(o.config).toEqual({ ...b, seed: 3, steps: 5 });
  });

  it('reads inline JSON, a file, --steps and --backend', () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, '{"blocks": 3}');
    expect(parseCliArgs(['--config', file]).config.blocks).toBe(3);
    const o = parseCliArgs(['--config', '{"width":8}', '--steps', '7', '--backend', 'cpu']);
    expect(o.config).toMatchObject({ width: 8, steps: 7 });
    expect(o.backend).toBe('cpu');
    expect(o.analyses).toEqual([]);
    expect(parseCliArgs(['--config', '{}', '--analyses', 'lesion']).analyses).toEqual(['lesion']);
    expect(parseCliArgs(['--config', '{}']).backend).toBe('wasm');
  });

  it('takes one shortcut per block from the config, and refuses a list of the wrong length', () => {
    const cut = parseCliArgs(['--config', '{"blocks":3,"skip":["identity","none","identity"]}']);
    expect(cut.config.skip).toEqual(['identity', 'none', 'identity']);
    expect(() => parseCliArgs(['--config', '{"blocks":3,"skip":["none"]}'])).toThrow(
      /skip has 1 entry, allowed: one per block \(3\)/,
    );
  });

  it('takes the PyTorch and replicate exports, and says where the config came from', () => {
    const o = parseCliArgs(['--preset', 'vanishing', '--net', 'B', '--export-pytorch', 'run.py']);
    expect(o).toMatchObject({ exportPytorch: 'run.py', source: 'the "vanishing" lab, network B' });
    const r = parseCliArgs(['--config', '{"blocks":2}', '--export-replicate', 'dir']);
    expect(r).toMatchObject({ exportReplicate: 'dir', source: 'an inline config' });
  });

  it.each([
    [[], /--config or --preset is required/],
    [['--preset', 'nope'], /--preset is "nope", allowed: playground, vanishing/],
    [['--preset', 'playground', '--net', 'B'], /--net is "B", allowed for preset playground: A/],
    [['--preset', 'vanishing', '--config', '{}'], /not both/],
    [['--config', '{}', '--net', 'A'], /--net needs --preset/],
    [['--preset', 'vanishing', '--seed', 'x'], /--seed is "x"/],
    [['--config', '{"blocks": 0}'], /blocks is 0, allowed: an integer from 1 to 500/],
    [['--config', '{"blocks": 501}'], /blocks is 501/],
    [
      ['--config', '{}', '--analyses', 'lesion,nope'],
      /--analyses has "nope", allowed: lesion, paths, shattered, landscape/,
    ],
    [['--config', '{"blocks": 2'], /inline config is not valid JSON/],
    [['--config', join(dir, 'missing.json')], /cannot read config file/],
    [['--config', '{}', '--steps=-3'], /--steps is "-3"/],
    [['--config', '{}', '--steps', '1.5'], /--steps is "1.5"/],
    [['--config', '{}', '--steps', '100001'], /steps is 100001/],
    [['--config', '{}', '--backend', 'webgl'], /--backend is "webgl", allowed: cpu, wasm/],
    [['--config', '{}', '--colour', 'red'], /Unknown option '--colour'/],
    [['--config', '[1]', '--steps', '3'], /config must be a JSON object/],
    [['--config', '{}', '--out', 'a.json', '--export-initial', 'a.json'], /different files/],
    [
      ['--config', '{}', '--out', 'a.py', '--export-pytorch', 'a.py'],
      /--out and --export-pytorch must name different files/,
    ],
    [['--config', '{}', '--out', 'd', '--export-replicate', 'd'], /a folder no other output uses/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args as string[])).toThrow(UsageError);
    expect(() => parseCliArgs(args as string[])).toThrow(message);
  });
});

// Each case runs its own process and writes its own files: they run side by side.
describe.concurrent('experiment CLI', () => {
  it('trains, writes the result and the initial parameters, and says what it did', async ({
    expect,
  }) => {
    const out = join(dir, 'run.json');
    const init = join(dir, 'init.json');
    const r = await cli([
      '--config',
      '{"blocks":2,"width":8,"batchSize":16}',
      '--steps',
      '5',
      '--out',
      out,
      '--export-initial',
      init,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^trained 5 steps: train loss \d\.\d{4}, train accuracy/);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(result)).toEqual(['config', 'layers', 'history', 'final']);
    expect(result.history).toHaveLength(5);
    expect(Object.keys(result.history[0])).toEqual(
      expect.arrayContaining([
        'step',
        'loss',
        'accuracy',
        'gradNorms',
        'signalGradNorms',
        'activationNorms',
      ]),
    );
    expect(result.history[0].gradNorms).toHaveLength(6);
    const initial = JSON.parse(readFileSync(init, 'utf8'));
    expect(initial.params[0].name).toBe('stem/kernel');
    expect(initial.batch.x).toHaveLength(16);
  });

  it('writes the PyTorch script alone without training, or with a replicate folder', async ({
    expect,
  }) => {
    const script = join(dir, 'run.py');
    const alone = await cli(['--preset', 'vanishing', '--net', 'B', '--export-pytorch', script]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toBe(`wrote ${script} (PyTorch script, the "vanishing" lab, network B)\n`);
    const text = readFileSync(script, 'utf8');
    expect(text).toContain(
      `CONFIG = json.loads(r"""${JSON.stringify(preset('vanishing').nets[1])}`,
    );
    expect(text).toContain('# Made by: npm run experiment -- --preset vanishing --net B');

    const folder = join(dir, 'replicate');
    const r = await cli([
      '--config',
      '{"blocks":2,"width":4,"batchSize":8,"dataset":"xor"}',
      '--steps',
      '3',
      '--export-replicate',
      folder,
      '--export-pytorch',
      script,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^trained 3 steps: .*; wrote ${folder}, ${script}\n$`));
    const read = (name: string) => JSON.parse(readFileSync(join(folder, name), 'utf8'));
    expect(read('config.json')).toMatchObject({ blocks: 2, width: 4, steps: 3 });
    expect(read('params.json').map((p: { name: string }) => p.name)).toContain(
      'block2/dense2/kernel',
    );
    const data = read('data.json');
    expect(data).toMatchObject({ name: 'xor', inputDim: 2, numClasses: 2 });
    expect(data.trainX).toHaveLength(2 * data.trainY.length);
    expect(read('batches.json').batchSize).toBe(8);
    expect(read('batches.json').indices).toHaveLength(3);
    expect(read('engine.json').history).toHaveLength(3);
    expect(readFileSync(script, 'utf8')).toContain('"blocks":2,"width":4');
  });

  it('adds the analyses asked for to the output', async ({ expect }) => {
    const r = await cli([
      '--config',
      '{"blocks":4,"width":8,"batchSize":16,"dataset":"circles"}',
      '--steps',
      '3',
      '--analyses',
      'lesion,paths,shattered,landscape',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.analyses.shattered.gradient).toHaveLength(512);
    expect(result.analyses.landscape.losses).toHaveLength(31 * 31);
    // The measures are those of the losses written beside them.
    const { losses, grid, span, curvature } = result.analyses.landscape as LandscapeResult;
    expect(curvature).toEqual(curvatureMeasures(losses, grid, span));
    expect(Math.abs(result.analyses.shattered.lag1)).toBeLessThanOrEqual(1);
    expect(result.analyses.shattered.acf).toHaveLength(17);
    expect(result.analyses.shattered.acf[1]).toBe(result.analyses.shattered.lag1);
    // Gradient by path length: every length, adding up exactly to autodiff's ∂L/∂x_0.
    const paths = result.analyses.paths as PathGradients;
    expect(paths.rows.map((x) => x.k)).toEqual([0, 1, 2, 3, 4]);
    expect(paths.sumError).toBeLessThan(1e-4);
    expect(paths.rows.reduce((s, x) => s + x.along, 0)).toBeCloseTo(1, 4);
    expect(paths.gradientNorm).toBeGreaterThan(0);
    expect(result.analyses.lesion.single).toHaveLength(4);
    expect(result.analyses.lesion.random.map((x: { k: number }) => x.k)).toEqual([1, 2]);
    expect(1 - result.analyses.lesion.intact).toBeCloseTo(result.final.testAccuracy, 6);
  });

  it('prints JSON to stdout without --out', async ({ expect }) => {
    const r = await cli(['--config', '{"blocks":1,"width":4,"batchSize":8}', '--steps', '2']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).final.steps).toBe(2);
  });

  it('rejects bad input with one line on stderr, exit code 2 and no file', async ({ expect }) => {
    const out = join(dir, 'never.json');
    const r = await cli(['--config', '{"order":"sideways"}', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/order is "sideways", allowed: one of "post", "pre"/);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
