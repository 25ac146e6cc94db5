/** The public face of core/jobs: the queue runner that works on every module's jobs. */
export { allJobs, type JobRunner, startJobRunner } from './jobs.ts';
