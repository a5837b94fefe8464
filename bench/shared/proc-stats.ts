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

export interface Schedule {
  /** Milliseconds on a core. */
  runningMs: number;
  /** Milliseconds runnable but waiting for a core (on a run queue). */
  waitingMs: number;
  /** Times it was put on a core: each wake-up (a message, a timer) is at least one. */
  runs: number;
}

/**
 * How a process's main thread was scheduled so far (`/proc/<pid>/schedstat`), or with `allThreads` its threads
 * alive now, summed. The waiting is what CPU figures and profiles do not show: whenever the cores are taken,
 * a message that wakes a process waits this long before it is read. A Node process reads every
 * message on its main thread (its other threads are V8's and libuv's helpers); a Go server on any of its threads.
 */
export function scheduleOf(pid: number, { allThreads = false } = {}): Schedule | undefined {
  let files: string[];
  try {
    files = allThreads ? readdirSync(`/proc/${pid}/task`).map((tid) => `/proc/${pid}/task/${tid}/schedstat`) : [`/proc/${pid}/schedstat`];
  } catch {
    return undefined;
  }
  let runningNs = 0;
  let waitingNs = 0;
  let runs = 0;
  let read = 0;
  for (const file of files) {
    // "<ns on a core> <ns waiting on a run queue> <times on a core>"; a thread that ended meanwhile is left out.
    const fields = readProc(file)?.trim().split(' ');
    if (!fields || fields.length < 2) continue;
    runningNs += Number(fields[0]);
    waitingNs += Number(fields[1]);
    runs += Number(fields[2] ?? 0);
    read++;
  }
  return read === 0 ? undefined : { runningMs: runningNs / 1e6, waitingMs: waitingNs / 1e6, runs };
}

/**
 * The read and write system calls a process has made so far (`/proc/<pid>/io`: syscr + syscw, its ended
 * threads included): read, readv, write, writev and their kin, so each message a Node process or a Go or C
 * server sends or takes over a socket. recv and send are not among them (PostgreSQL's backends use those).
 */
export function readWriteCallsOf(pid: number): number | undefined {
  const io = readProc(`/proc/${pid}/io`);
  if (!io) return undefined;
  const count = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(io)?.[1] ?? 0);
  return count('syscr') + count('syscw');
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
