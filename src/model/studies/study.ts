/**
 * What every study is to the rest of the project (the registry, index.ts, lists them): its
 * defaults, its run, the file its results ship in, the command-line flag and options that make
 * them, the module their fingerprint starts from, and its live side, what the study worker does
 * with a job.
 */
import type { DigitsLoader } from '../engine/data';
import type { StudyCli } from './cli';

/**
 * What the study worker gives a study's live side for one job. The worker has made the backend
 * ready before the job starts.
 */
export interface LiveContext<Message> {
  post(m: Message): void;
  /** The backend the job runs on. */
  backend: string;
  loadDigits?: DigitsLoader;
  now(): number;
  /** Milliseconds since the job began, backend start-up included. */
  elapsed(): number;
  /**
   * Whether a progress report may go out now: at most one per `progressMs`, but a report that
   * ends a phase (`final`) always does, so that a bar reaches its end.
   */
  due(final: boolean): boolean;
}

/** A message a study's worker sends; its type starts with the study's id (or the id's short name). */
export interface StudyMessage {
  type: string;
}

/**
 * One study. `Job` is the message that starts it in the worker, without its `type` (the study's
 * id); `Message` what the worker answers with while it runs and when it ends; `Run` its run.
 */
export interface Study<
  Id extends string,
  Spec,
  Job,
  Message extends StudyMessage,
  Run extends (...args: never[]) => unknown,
> {
  id: Id;
  /** The defaults: the shipped results' spec. */
  spec: Spec;
  /** The run function of run.ts (what `npm run sweep` and the live side call). */
  run: Run;
  /** The shipped results, under public/. */
  file: string;
  /** The flag of `npm run sweep` that makes them; null for the study it makes without one. */
  flag: `--${string}` | null;
  /** Its command line after the flag: options, spec, run and results file (its cli.ts). */
  cli: StudyCli<Spec>;
  /** The module the results' fingerprint reads, with all it imports (claims-fingerprint.ts). */
  entry: `src/model/studies/${string}.ts`;
  /** Runs one job in the study worker, reporting through `ctx`, and posts its last message. */
  live: (job: Job, ctx: LiveContext<Message>) => Promise<void>;
}
