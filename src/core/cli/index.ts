/** The public face of core/cli: what command-line commands share (a progress bar). */
export { type Progress, progressBar } from './progress.ts';
