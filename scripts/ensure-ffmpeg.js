#!/usr/bin/env node
// Finds ffmpeg (and ffprobe beside it) for the media library's video tests before `npm test`
// runs them: FFMPEG_PATH, else on the PATH. When it is missing and we are root on Debian,
// installs the `ffmpeg` package; otherwise stops with the one command to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const runs = (bin) => {
  try {
    execFileSync(bin, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const probeBeside = (bin) => (path.isAbsolute(bin) ? path.join(path.dirname(bin), 'ffprobe') : 'ffprobe');
const ready = (bin) => runs(bin) && runs(probeBeside(bin));

if (process.env.FFMPEG_PATH) {
  if (ready(process.env.FFMPEG_PATH)) process.exit(0);
  console.error(`FFMPEG_PATH is set to ${process.env.FFMPEG_PATH}, but no working ffmpeg with ffprobe beside it is there.`);
  process.exit(1);
}
if (ready('ffmpeg')) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/etc/debian_version')) {
  console.error("ffmpeg not found: installing Debian's ffmpeg package for the video tests …");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'ffmpeg'], { stdio: 'inherit', env });
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'ffmpeg'], { stdio: 'inherit', env });
  }
  if (ready('ffmpeg')) process.exit(0);
}
console.error(
  'The video tests need ffmpeg. Install it with:\n\n  sudo apt-get install -y ffmpeg\n\nor point FFMPEG_PATH at an ffmpeg binary (with ffprobe beside it).',
);
process.exit(1);
