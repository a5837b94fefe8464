import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const MS_PER_TICK = 10;

/** User + system CPU a process has used so far, in milliseconds; undefined once it is gone. */
export function cpuMsOf(pid: number): number | undefined {
  const cpu = cpuOf(pid);
  return cpu && cpu.userMs + cpu.kernelMs;
}

/** A process's CPU so far in milliseconds, in its own code (user) and in the kernel on its behalf (system). */
export function cpuOf(pid: number): { userMs: number; kernelMs: number } | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name may hold spaces or parentheses: the fields that follow start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { userMs: Number(fields[11]) * MS_PER_TICK, kernelMs: Number(fields[12]) * MS_PER_TICK };
}

export interface Memory {
  rssBytes: number;
  /** The process's peak resident set since it started (VmHWM). */
  peakRssBytes: number;
}

export function memoryOf(pid: number): Memory | undefined {
  const status = readProc(`/proc/${pid}/status`);
  if (!status) return undefined;
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
}

/** Processes whose command name (`/proc/<pid>/comm`) is `name`, e.g. `nats-server`. */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => readProc(`/proc/${pid}/comm`)?.trim() === name)
    .map(Number);
}

/**
 * The whole machine's busy CPU so far (all cores, every process), in milliseconds, from /proc/stat, and
 * the part of it in the kernel (system calls, interrupts).
 */
export function machineCpuMs(): { busy: number; kernel: number } {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [user, nice, system, , , irq, softirq, steal] = cpu.split(/\s+/).slice(1).map(Number);
  return { busy: (user + nice + system + irq + softirq + steal) * MS_PER_TICK, kernel: (system + irq + softirq) * MS_PER_TICK };
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
