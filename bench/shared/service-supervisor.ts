import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './bench-results';
import { DIST, EXIT_ON_TERM, instanceEnv, RunningSystem, ServiceInstance } from './running-system';

/**
 * What a process supervisor (systemd, Kubernetes) does for the system `startSystem` started: kills a
 * service and starts it again with the same environment and port, waiting until it is healthy.
 * Services are named by instance: `gateway` is replica 1, `gateway-2` the second (see ServiceInstance).
 * The running system's `pids` follow the restarts; `stop()` ends the processes started here.
 */
export class ServiceSupervisor {
  private readonly respawned = new Map<string, ChildProcess>();
  private readonly restarting = new Set<string>();
  /** Killed on purpose and left down: neither restarted nor counted as crashed. */
  private readonly down = new Set<string>();
  private watcher?: NodeJS.Timeout;
  /** Services that died without being killed here, each restarted as a supervisor would. */
  readonly crashes: Array<{ service: string; at: string }> = [];

  constructor(private readonly system: RunningSystem) {}

  private instance(name: string): ServiceInstance {
    const instance = this.system.instances.find((i) => i.name === name);
    if (!instance) throw new Error(`no service instance named ${name}`);
    return instance;
  }

  port(service: string): number {
    return this.instance(service).port;
  }

  /** Sends `signal` to the service and waits until it is gone; it stays down (a node lost for good). */
  async kill(service: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.down.add(service);
    const pid = this.system.pids[service];
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
    await waitGone(pid);
  }

  /** Whether the service's process is running. */
  alive(service: string): boolean {
    return alive(this.system.pids[service]);
  }

  /** Sends `signal` to the service, waits `downMs` as a supervisor's restart delay would, starts it again. */
  async restart(service: string, signal: NodeJS.Signals = 'SIGKILL', downMs = 3_000): Promise<void> {
    this.restarting.add(service);
    try {
      await this.restartNow(service, signal, downMs);
    } finally {
      this.restarting.delete(service);
    }
  }

  /** From now on, a service that dies by itself is recorded in `crashes` and restarted after `downMs`. */
  watch(downMs = 3_000, onCrash: (service: string, error?: unknown) => void = () => undefined): void {
    this.watcher = setInterval(() => {
      for (const { name: service } of this.system.instances) {
        if (this.restarting.has(service) || this.down.has(service) || alive(this.system.pids[service])) continue;
        this.crashes.push({ service, at: new Date().toISOString() });
        onCrash(service);
        this.restart(service, 'SIGKILL', downMs).catch((error: unknown) => onCrash(service, error));
      }
    }, 1_000);
  }

  private async restartNow(service: string, signal: NodeJS.Signals, downMs: number): Promise<void> {
    this.down.delete(service);
    const instance = this.instance(service);
    const pid = this.system.pids[service];
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone: a restart is still what a supervisor would do.
    }
    await waitGone(pid);
    await sleep(downMs);
    const log = openSync(join(this.system.logDir, `${service}.log`), 'a');
    const child = spawn(process.execPath, ['-r', EXIT_ON_TERM, join(DIST, `apps/${instance.service}/src/main.js`)], {
      env: instanceEnv(this.system.env, instance),
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.respawned.set(service, child);
    this.system.pids[service] = child.pid!;
    await this.waitHealthy(service, child);
  }

  async waitHealthy(service: string, child?: ChildProcess, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child && child.exitCode !== null)
        throw new Error(`${service} exited on restart (${child.exitCode}); see ${this.system.logDir}/${service}.log`);
      const ok = await fetch(`http://127.0.0.1:${this.port(service)}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await sleep(250);
    }
    throw new Error(`${service} was not healthy within ${timeoutMs / 1000} s of its restart; see ${this.system.logDir}/${service}.log`);
  }

  /** Stops what was restarted here (SIGTERM, then SIGKILL after 20 s); the original processes are the system's. */
  async stop(): Promise<void> {
    clearInterval(this.watcher);
    for (const child of this.respawned.values()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    this.respawned.clear();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
}
