/**
 * Messages between a figure and the study worker (study.worker.ts). One message starts a job of
 * one study (its `type` is the study's id, src/model/studies/index.ts); the worker answers with
 * that study's messages while the job runs and when it ends (each study's live.ts), or with
 * `study-error`. Cancelling is terminating the worker: a study spends its time inside training
 * steps that cannot take messages, and a new worker costs less than a second. Only plain numbers
 * (and arrays and objects of them) cross.
 */
import type { StudyId, StudyJobs, StudyMessages } from '../studies';

export type { StudyId } from '../studies';

/** The message that starts a job of study `K` (of any study, by default). */
export type StudyToWorker<K extends StudyId = StudyId> = {
  [P in K]: { type: P } & StudyJobs[P];
}[K];

/** A failed job, whichever the study (or a second job sent while one runs). */
export interface StudyError {
  type: 'study-error';
  message: string;
}

/** What the worker answers a job of study `K` with (of any study, by default). */
export type StudyFromWorker<K extends StudyId = StudyId> = StudyMessages[K] | StudyError;
