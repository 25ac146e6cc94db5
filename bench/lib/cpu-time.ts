import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of one process (all its threads) in microseconds, with its process group. */
function processCpu(pid: string): { group: number; micros: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { group: Number(fields[2]), micros: ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond };
  } catch {
    return null; // ended meanwhile
  }
}

/**
 * CPU time used so far by every process of a process group (a server and the wrapper that
 * started it, e.g. tsx), in microseconds. Unlike requests per second it does not depend on how
 * much of the two cores other work left to the server: CPU time per request is what the server
 * itself spends on one answer. Worker threads count (they are threads of the process); so would
 * any helper process the server started in its group.
 */
export function groupCpuMicros(groupId: number): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const p = processCpu(pid);
    if (p?.group === groupId) total += p.micros;
  }
  return total;
}
