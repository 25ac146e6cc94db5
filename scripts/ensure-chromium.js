#!/usr/bin/env node
// Finds a Chromium for the browser tests before `npm test` runs them: CHROMIUM_PATH, else
// Debian's /usr/bin/chromium. When it is missing and we are root on Debian, installs the
// `chromium` package; otherwise stops with the one command to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no file there.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/etc/debian_version')) {
  console.error("Chromium not found: installing Debian's chromium package for the browser tests …");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  }
  if (existsSync('/usr/bin/chromium')) process.exit(0);
}
console.error(
  'The browser tests need Chromium. Install it with:\n\n  sudo apt-get install -y chromium\n\nor point CHROMIUM_PATH at a Chromium binary.',
);
process.exit(1);
