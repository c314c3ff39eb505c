/**
 * Seeded two-class datasets in the plane, the kind TensorFlow Playground made familiar. Points
 * lie roughly in [−1, 1]²; each set is drawn once from its own random stream, so train and test
 * sets never share a point and the same seed always gives the same points.
 */
import { normalArray, streamRng, type Rng } from '../rng';
import type { Dataset } from './dataset';

export const PLANAR_DATASETS = ['spiral', 'circles', 'xor', 'moons'] as const;
export type PlanarName = (typeof PLANAR_DATASETS)[number];

/** Training and test set sizes of every planar dataset. */
export const PLANAR_TRAIN_SIZE = 1000;
export const PLANAR_TEST_SIZE = 500;

type PointMaker = (rng: Rng, label: number, noise: () => number) => [number, number];

const makers: Record<PlanarName, PointMaker> = {
  // Two interleaved arms of 1.75 turns; the second arm is the first rotated by π.
  spiral: (rng, label, noise) => {
    const t = rng();
    const r = 0.08 + 0.92 * t;
    const angle = 1.75 * 2 * Math.PI * t + label * Math.PI;
    return [r * Math.sin(angle) + noise(), r * Math.cos(angle) + noise()];
  },
  // A disc of radius 0.5 inside a ring from 0.7 to 1.0.
  circles: (rng, label, noise) => {
    const r = label === 0 ? 0.5 * Math.sqrt(rng()) : 0.7 + 0.3 * rng();
    const angle = 2 * Math.PI * rng();
    return [r * Math.sin(angle) + noise(), r * Math.cos(angle) + noise()];
  },
  // Quadrants: the label is whether x and y have the same sign; a small gap around the axes.
  xor: (rng, label, noise) => {
    const a = 0.05 + 0.95 * rng();
    const b = 0.05 + 0.95 * rng();
    const sx = rng() < 0.5 ? -1 : 1;
    const sy = label === 0 ? sx : -sx;
    return [sx * a + noise(), sy * b + noise()];
  },
  // Two interlocking half circles, centred on the origin.
  moons: (rng, label, noise) => {
    const t = Math.PI * rng();
    const [x, y] = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    return [(x - 0.5) / 1.5 + noise(), (y - 0.25) / 1.5 + noise()];
  },
};

/** The standard deviation of the Gaussian noise added to each coordinate of a point. */
export const PLANAR_NOISE: Record<PlanarName, number> = {
  spiral: 0.03,
  circles: 0.04,
  xor: 0.03,
  moons: 0.06,
};

function sample(name: PlanarName, count: number, rng: Rng): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  const noise = () => normalArray(rng, 1, PLANAR_NOISE[name])[0]!;
  for (let i = 0; i < count; i++) {
    const label = i % 2; // balanced classes, interleaved
    const [a, b] = makers[name](rng, label, noise);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = label;
  }
  return { x, y };
}

/** The planar dataset `name` for `seed`: 1000 training and 500 test points, two classes. */
export function makePlanarDataset(name: PlanarName, seed: number): Dataset {
  const train = sample(name, PLANAR_TRAIN_SIZE, streamRng(seed, `data/${name}/train`));
  const test = sample(name, PLANAR_TEST_SIZE, streamRng(seed, `data/${name}/test`));
  return {
    name,
    inputDim: 2,
    numClasses: 2,
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
  };
}
