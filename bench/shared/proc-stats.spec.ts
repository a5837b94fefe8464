import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import { cpuMsOf, cpuOf, machineCpuMs, readWriteCallsOf, scheduleOf } from './proc-stats';

describe('proc-stats', () => {
  it('splits a process’s CPU into its own code and the kernel’s work for it, as the machine’s', () => {
    const before = cpuOf(process.pid)!;
    const machineBefore = machineCpuMs();
    // System calls: their time is the kernel's.
    const devNull = openSync('/dev/null', 'w');
    const byte = Buffer.from('x');
    for (let i = 0; i < 400_000; i++) writeSync(devNull, byte);
    closeSync(devNull);
    const afterCalls = cpuOf(process.pid)!;
    // Arithmetic: its time is the process's own.
    let sum = 0;
    for (let i = 0; i < 50_000_000; i++) sum += i % 7;
    const afterSums = cpuOf(process.pid)!;
    const machineAfter = machineCpuMs();

    expect(sum).toBe(149_999_997); // the loop ran whole
    expect(afterCalls.kernelMs - before.kernelMs).toBeGreaterThan(afterSums.kernelMs - afterCalls.kernelMs);
    expect(afterSums.userMs - afterCalls.userMs).toBeGreaterThan(afterSums.kernelMs - afterCalls.kernelMs);
    expect(cpuMsOf(process.pid)).toBeGreaterThanOrEqual(afterSums.userMs + afterSums.kernelMs);
    expect(machineAfter.kernel - machineBefore.kernel).toBeGreaterThan(0);
    expect(machineAfter.busy - machineBefore.busy).toBeGreaterThanOrEqual(machineAfter.kernel - machineBefore.kernel);
  });

  it('counts a process’s read and write system calls', () => {
    const before = readWriteCallsOf(process.pid)!;
    const devNull = openSync('/dev/null', 'w');
    for (let i = 0; i < 1_000; i++) writeSync(devNull, 'x');
    closeSync(devNull);
    expect(readWriteCallsOf(process.pid)! - before).toBeGreaterThanOrEqual(1_000);
  });

  it('counts the times a process was put on a core: once at least for each wake-up', async () => {
    const before = scheduleOf(process.pid)!.runs;
    // Each 5 ms sleep blocks the thread (nothing else is due meanwhile), and the timer wakes it again.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(scheduleOf(process.pid)!.runs - before).toBeGreaterThanOrEqual(20);
  });

  it('tells the time a process ran from the time it waited for a core', async () => {
    const before = scheduleOf(process.pid)!;
    const beforeAll = scheduleOf(process.pid, { allThreads: true })!;
    const started = process.cpuUsage();
    const startedAt = performance.now();
    let sum = 0;
    for (let i = 0; i < 50_000_000; i++) sum += i % 7;
    const wallMs = performance.now() - startedAt;
    const used = process.cpuUsage(started);
    const busyMs = (used.user + used.system) / 1000;
    expect(sum).toBe(149_999_997);
    const after = scheduleOf(process.pid)!;
    // The process's CPU is all its threads' (the loop's and V8's helpers' meanwhile): so is their running time.
    expect(scheduleOf(process.pid, { allThreads: true })!.runningMs - beforeAll.runningMs).toBeGreaterThanOrEqual(busyMs * 0.9);
    // The loop never blocked: its thread was all the while on a core or waiting for one.
    expect(after.runningMs - before.runningMs + (after.waitingMs - before.waitingMs)).toBeGreaterThanOrEqual(wallMs * 0.9);
    // The process's other threads (V8's compilers and collectors, libuv's pool) have run too, beside the main one.
    expect(scheduleOf(process.pid, { allThreads: true })!.runningMs - scheduleOf(process.pid)!.runningMs).toBeGreaterThan(1);

    // Two busy processes on one core: while one runs the other waits, so each waits about as long as it runs.
    const busy = () => spawn('taskset', ['-c', '0', process.execPath, '-e', 'for (;;);'], { stdio: 'ignore' });
    const children: ChildProcess[] = [busy(), busy()];
    try {
      await Promise.all(children.map((child) => once(child, 'spawn')));
      const first = children.map((child) => scheduleOf(child.pid!)!);
      // Until each has run for half a second: the wait is then at least a few hundred ms, however busy the machine.
      while (children.some((child, i) => scheduleOf(child.pid!)!.runningMs - first[i]!.runningMs < 500)) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const [i, child] of children.entries()) {
        expect(scheduleOf(child.pid!)!.waitingMs - first[i]!.waitingMs).toBeGreaterThan(200);
      }
    } finally {
      for (const child of children) child.kill('SIGKILL');
    }
  });

  it('knows nothing of a process that is gone', () => {
    expect(cpuOf(2 ** 22 + 1)).toBeUndefined();
    expect(cpuMsOf(2 ** 22 + 1)).toBeUndefined();
    expect(scheduleOf(2 ** 22 + 1)).toBeUndefined();
    expect(scheduleOf(2 ** 22 + 1, { allThreads: true })).toBeUndefined();
    expect(readWriteCallsOf(2 ** 22 + 1)).toBeUndefined();
  });
});
