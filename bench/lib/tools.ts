import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The benchmarks compare against public tools from Debian (wrk, goaccess). When one is missing
 * and we are root on Debian, it is installed; otherwise the benchmark says what to install.
 */
export function ensureDebianTool(binary: string, pkg = binary): string {
  const path = `/usr/bin/${binary}`;
  if (existsSync(path)) return path;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'ignore', env });
    } catch {
      execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'ignore', env });
    }
    if (existsSync(path)) return path;
  }
  throw new Error(`This benchmark needs ${binary}: sudo apt-get install -y ${pkg}`);
}
