import { closeSync, openSync, writeSync } from 'node:fs';
import { cpuMsOf, cpuOf, machineCpuMs } from './proc-stats';

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

  it('knows nothing of a process that is gone', () => {
    expect(cpuOf(2 ** 22 + 1)).toBeUndefined();
    expect(cpuMsOf(2 ** 22 + 1)).toBeUndefined();
  });
});
