/**
 * A lab's state as one value, and every change to it in one pure function. The controller
 * (labController.ts) owns the worker, the timers and the history; what it should do next — start
 * a worker, train, pause, ask the page's training token for a turn — is decided here, from the
 * lab's state and what just happened, and returned as commands for it to carry out. The table in
 * labState.test.ts lists the cases.
 *
 * `wants` is whether the lab would train on its own while on screen: true until the reader acts
 * (Pause, Step, Reset, a new configuration) and again after Train, or after a run of its own that
 * it paused on leaving the screen.
 */

/** Where the lab is: `near` (within reach: keep a worker) and `visible` (on screen). */
export interface Presence {
  near: boolean;
  visible: boolean;
}

/** What the lab is doing, each with only the facts that matter in it. */
export type LabPhase =
  /** No worker: before the lab first came near, or after it unmounted. */
  | { kind: 'detached'; wants: boolean }
  /** A worker, not yet sent its first configuration. */
  | { kind: 'starting'; wants: boolean }
  /** Configured and not training. */
  | { kind: 'stopped'; wants: boolean }
  /** Training, started by the reader's Train or by the lab itself on screen. */
  | { kind: 'training'; by: 'reader' | 'lab' }
  /** The worker failed and none is left to replace it: nothing more happens until a new one. */
  | { kind: 'failed' };

export type LabState = LabPhase & Presence;

export type LabEvent =
  | ({ type: 'presence' } & Presence)
  /** A configuration went to the worker; `allFinished`: every network is shown finished. */
  | { type: 'configured'; allFinished: boolean }
  /** The reader's Train. */
  | { type: 'train' }
  /** The reader's Pause, Step or Reset. */
  | { type: 'take-over'; command: 'pause' | 'step' | 'reset' }
  /** The page's training token, asked for, is this lab's now. */
  | { type: 'granted' }
  /** Another lab took the training token. */
  | { type: 'displaced' }
  /** The run ended by itself (every network at its limit or diverged). */
  | { type: 'done' }
  /** A failed worker was replaced, and the replacement configured. */
  | { type: 'restarted' }
  /** A worker failed for good. */
  | { type: 'failed' }
  /** The lab unmounted: the worker goes. */
  | { type: 'detach' };

/** What the controller does, in order. */
export type LabCommand =
  /** Start a worker and configure it. */
  | { do: 'start' }
  /** Claim the page's training token and post Train. */
  | { do: 'train'; by: 'reader' | 'lab' }
  /** Post a command to the worker. */
  | { do: 'post'; message: 'pause' | 'step' | 'reset' }
  /** Ask for the training token: `granted` follows when it is free. */
  | { do: 'request' }
  /** Stop asking for it. */
  | { do: 'cancel' }
  /** Give it back. */
  | { do: 'release' };

export interface Transition {
  state: LabState;
  commands: LabCommand[];
}

/** A lab that has no worker yet and is nowhere near the screen. */
export function initialLabState(autoTrain: boolean): LabState {
  return { kind: 'detached', wants: autoTrain, near: false, visible: false };
}

const onScreen = (s: Presence) => s.near && s.visible;

/** `phase`, at the presence of `s`. */
const at = (s: Presence, phase: LabPhase): LabState => ({
  ...phase,
  near: s.near,
  visible: s.visible,
});

const stay = (state: LabState, ...commands: LabCommand[]): Transition => ({ state, commands });

/** Whether the lab would train by itself on screen, whatever it is doing now. */
function wants(s: LabState): boolean {
  return s.kind === 'training' || (s.kind !== 'failed' && s.wants);
}

const PAUSE: LabCommand[] = [{ do: 'cancel' }, { do: 'post', message: 'pause' }, { do: 'release' }];

/**
 * Trains while on screen until the reader takes over; a run the lab started pauses when it leaves
 * the screen, the reader's when it is far, and either goes on when the lab is back.
 */
function followPresence(s: LabState): Transition {
  if (s.kind === 'stopped') {
    if (!onScreen(s)) return stay(s, { do: 'cancel' });
    return s.wants ? stay(s, { do: 'request' }) : stay(s);
  }
  if (s.kind !== 'training') return stay(s);
  if (onScreen(s)) return stay(s);
  if (s.by === 'lab' || !s.near)
    return { state: at(s, { kind: 'stopped', wants: true }), commands: PAUSE };
  return stay(s, { do: 'cancel' });
}

/** The state after `event` in state `s`, and what the controller must do. */
export function labTransition(s: LabState, event: LabEvent): Transition {
  const configured = s.kind === 'stopped' || s.kind === 'training';
  switch (event.type) {
    case 'presence': {
      const moved = { ...s, near: event.near, visible: event.visible };
      if (s.kind !== 'detached') return followPresence(moved);
      if (!event.near) return stay(moved);
      return stay(at(moved, { kind: 'starting', wants: s.wants }), { do: 'start' });
    }
    case 'configured': {
      // After the first configuration the lab waits for Train: the reader sees the new step 0.
      // A lab whose every network is shown finished is over at once.
      const keep = s.kind === 'starting' && s.wants && !event.allFinished;
      const next = followPresence(at(s, { kind: 'stopped', wants: keep }));
      return { state: next.state, commands: [{ do: 'release' }, ...next.commands] };
    }
    case 'train':
      if (configured)
        return stay(at(s, { kind: 'training', by: 'reader' }), { do: 'train', by: 'reader' });
      // Before a configuration there is nothing to train yet: the first one starts it on screen.
      return s.kind === 'failed' ? stay(s) : stay({ ...s, wants: true });
    case 'take-over':
      if (configured)
        return stay(
          at(s, { kind: 'stopped', wants: false }),
          { do: 'release' },
          { do: 'post', message: event.command },
        );
      return s.kind === 'failed' ? stay(s) : stay({ ...s, wants: false });
    case 'granted':
      return s.kind === 'stopped' && s.wants && onScreen(s)
        ? stay(at(s, { kind: 'training', by: 'lab' }), { do: 'train', by: 'lab' })
        : stay(s);
    case 'displaced':
      // A run the reader started stays paused until they start it again; one that started on
      // its own queues to go on once the token is free.
      if (s.kind !== 'training') return stay(s);
      if (s.by === 'reader')
        return stay(at(s, { kind: 'stopped', wants: false }), { do: 'post', message: 'pause' });
      return stay(
        at(s, { kind: 'stopped', wants: true }),
        { do: 'post', message: 'pause' },
        { do: 'request' },
      );
    case 'done':
      // Over, and it stays over: scrolling back to the lab must not train it again (only Train
      // does).
      if (configured) return stay(at(s, { kind: 'stopped', wants: false }), { do: 'release' });
      return s.kind === 'failed' ? stay(s) : stay({ ...s, wants: false }, { do: 'release' });
    case 'restarted': {
      // A worker that failed before its first configuration gets it from the pending one.
      if (s.kind === 'detached' || s.kind === 'starting') return stay(s, { do: 'release' });
      const next = followPresence(at(s, { kind: 'stopped', wants: wants(s) }));
      return { state: next.state, commands: [{ do: 'release' }, ...next.commands] };
    }
    case 'failed':
      return stay(at(s, { kind: 'failed' }), { do: 'release' });
    case 'detach':
      return stay(at(s, { kind: 'detached', wants: wants(s) }), { do: 'release' });
  }
}
