// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { weightLayerNames } from './layer-names';
import { buildNetwork } from './network';

describe('weightLayerNames', () => {
  it.each([1, 3, 24])("names a %i-block net's weight layers as the network does", (blocks) => {
    const net = buildNetwork(parseConfig({ blocks, width: 4 }), 2, 2);
    expect(weightLayerNames(blocks)).toEqual(net.layers.map((l) => l.name));
    net.dispose();
  });
});
