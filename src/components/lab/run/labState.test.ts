/**
 * The lab's transition function as a table: a state, an event, the state after it and the
 * commands the controller carries out. The controller's own tests (labController.test.ts) run the
 * same rules against scripted workers and the page's training token.
 */
import { describe, expect, it } from 'vitest';
import {
  initialLabState,
  labTransition,
  type LabCommand,
  type LabEvent,
  type LabPhase,
  type LabState,
} from './labState';

const far = { near: false, visible: false };
const near = { near: true, visible: false };
const shown = { near: true, visible: true };

const detached = (wants: boolean, p = far): LabState => ({ kind: 'detached', wants, ...p });
const starting = (wants: boolean, p = near): LabState => ({ kind: 'starting', wants, ...p });
const stopped = (wants: boolean, p = shown): LabState => ({ kind: 'stopped', wants, ...p });
const training = (by: 'reader' | 'lab', p = shown): LabState => ({ kind: 'training', by, ...p });
const failed = (p = shown): LabState => ({ kind: 'failed', ...p });

const start: LabCommand = { do: 'start' };
const train: LabCommand = { do: 'train', by: 'reader' };
const resume: LabCommand = { do: 'train', by: 'lab' };
const request: LabCommand = { do: 'request' };
const cancel: LabCommand = { do: 'cancel' };
const release: LabCommand = { do: 'release' };
const post = (message: 'pause' | 'step' | 'reset'): LabCommand => ({ do: 'post', message });
const pauseOff = [cancel, post('pause'), release];

const presence = (p: { near: boolean; visible: boolean }): LabEvent => ({ type: 'presence', ...p });

/** [what the row says, state, event, state after, commands]. */
const TABLE: [string, LabState, LabEvent, LabState, LabCommand[]][] = [
  // Coming near and going away.
  ['far: no worker yet', detached(true), presence(far), detached(true), []],
  ['near: a worker starts', detached(true), presence(near), starting(true, near), [start]],
  [
    'on screen at once: a worker starts',
    detached(false),
    presence(shown),
    starting(false, shown),
    [start],
  ],
  [
    'starting: waits for its configuration',
    starting(true),
    presence(shown),
    starting(true, shown),
    [],
  ],
  [
    'stopped, wanting, on screen: asks for a turn',
    stopped(true, near),
    presence(shown),
    stopped(true),
    [request],
  ],
  ['stopped, not wanting: stays', stopped(false, near), presence(shown), stopped(false), []],
  [
    'stopped, leaving the screen: stops asking',
    stopped(true),
    presence(near),
    stopped(true, near),
    [cancel],
  ],
  ['its own run pauses off screen', training('lab'), presence(near), stopped(true, near), pauseOff],
  [
    "the reader's run goes on while near",
    training('reader'),
    presence(near),
    training('reader', near),
    [cancel],
  ],
  [
    "the reader's run pauses when far",
    training('reader', near),
    presence(far),
    stopped(true, far),
    pauseOff,
  ],
  ['a failed lab ignores scrolling', failed(), presence(far), failed(far), []],
  // Configurations.
  [
    'first configuration on screen: trains',
    starting(true, shown),
    { type: 'configured', allFinished: false },
    stopped(true),
    [release, request],
  ],
  [
    'first configuration near: waits',
    starting(true),
    { type: 'configured', allFinished: false },
    stopped(true, near),
    [release, cancel],
  ],
  [
    'every network finished: over at once',
    starting(true, shown),
    { type: 'configured', allFinished: true },
    stopped(false),
    [release],
  ],
  [
    'autoTrain off: waits for Train',
    starting(false, shown),
    { type: 'configured', allFinished: false },
    stopped(false),
    [release],
  ],
  [
    'a later configuration waits for Train',
    training('lab'),
    { type: 'configured', allFinished: false },
    stopped(false),
    [release],
  ],
  // The reader.
  ['Train', stopped(false), { type: 'train' }, training('reader'), [train]],
  [
    'Train takes over a run of its own',
    training('lab'),
    { type: 'train' },
    training('reader'),
    [train],
  ],
  [
    'Train before a configuration: trains once configured',
    starting(false),
    { type: 'train' },
    starting(true),
    [],
  ],
  ['Train in a failed lab does nothing', failed(), { type: 'train' }, failed(), []],
  [
    'Pause',
    training('lab'),
    { type: 'take-over', command: 'pause' },
    stopped(false),
    [release, post('pause')],
  ],
  [
    'Step',
    stopped(true),
    { type: 'take-over', command: 'step' },
    stopped(false),
    [release, post('step')],
  ],
  [
    'Reset',
    training('reader'),
    { type: 'take-over', command: 'reset' },
    stopped(false),
    [release, post('reset')],
  ],
  [
    'Pause with no worker: stays, wanting nothing',
    detached(true),
    { type: 'take-over', command: 'pause' },
    detached(false),
    [],
  ],
  // The page's training token.
  ['granted on screen: trains', stopped(true), { type: 'granted' }, training('lab'), [resume]],
  [
    'granted after the reader paused: nothing',
    stopped(false),
    { type: 'granted' },
    stopped(false),
    [],
  ],
  [
    'granted off screen: nothing',
    stopped(true, near),
    { type: 'granted' },
    stopped(true, near),
    [],
  ],
  [
    'displaced, its own run: queues',
    training('lab'),
    { type: 'displaced' },
    stopped(true),
    [post('pause'), request],
  ],
  [
    "displaced, the reader's run: stays paused",
    training('reader'),
    { type: 'displaced' },
    stopped(false),
    [post('pause')],
  ],
  ['displaced when not training: nothing', stopped(true), { type: 'displaced' }, stopped(true), []],
  // The worker.
  ['a run that ends stays over', training('lab'), { type: 'done' }, stopped(false), [release]],
  [
    'a replacement goes on with a run',
    training('reader'),
    { type: 'restarted' },
    stopped(true),
    [release, request],
  ],
  [
    'a replacement off screen waits',
    training('lab', near),
    { type: 'restarted' },
    stopped(true, near),
    [release, cancel],
  ],
  [
    'a replacement of a paused lab stays paused',
    stopped(false),
    { type: 'restarted' },
    stopped(false),
    [release],
  ],
  [
    'a replacement before the first configuration',
    starting(true),
    { type: 'restarted' },
    starting(true),
    [release],
  ],
  [
    'failed for good: gives the token back',
    training('lab'),
    { type: 'failed' },
    failed(),
    [release],
  ],
  // Unmounting keeps what the lab wanted for its next worker.
  [
    'detach while training',
    training('reader'),
    { type: 'detach' },
    detached(true, shown),
    [release],
  ],
  ['detach when paused', stopped(false), { type: 'detach' }, detached(false, shown), [release]],
  ['detach when failed', failed(), { type: 'detach' }, detached(false, shown), [release]],
];

describe('labTransition', () => {
  it.each(TABLE)('%s', (_, state, event, after, commands) => {
    expect(labTransition(state, event)).toEqual({ state: after, commands });
  });

  it('leaves the state it was given as it was', () => {
    const s = training('lab');
    const copy = { ...s };
    labTransition(s, presence(far));
    expect(s).toEqual(copy);
  });

  it('carries no field of an earlier phase into the next', () => {
    const { state } = labTransition(training('reader'), { type: 'done' });
    expect(Object.keys(state).sort()).toEqual(['kind', 'near', 'visible', 'wants']);
  });
});

describe('initialLabState', () => {
  it('starts detached and far, wanting to train unless autoTrain is off', () => {
    const phase = (s: LabState): LabPhase => s;
    expect(phase(initialLabState(true))).toEqual(detached(true));
    expect(phase(initialLabState(false))).toEqual(detached(false));
  });
});
