import 'reflect-metadata';
import { loadavg } from 'node:os';
import { PUBLIC_XLSX_MAX_WAITING } from '../../apps/gateway/src/http/xlsx-worker';
import { formatLoad, machineOf, percentile, round, sleep, writeResults } from '../shared/bench-results';
import { ApiError } from '../shared/alur-api';
import { netOfIdle } from '../shared/cost-meter';
import { runLifecycles } from '../shared/lifecycle-driver';
import { ProgressBar } from '../shared/progress-bar';
import { withRegencyBench } from '../shared/regency-bench';
import { waitSettled } from '../shared/spine-backlog';

/*
 * npm run bench:requests: what one request through the public HTTP API costs, by process, for the
 * reads the web console makes most (an official's inbox, a proposal's page, the funding list, the
 * notification bell) and for one the gateway answers alone (the logged-in user, from its own
 * database). The gateway's per-request overhead is the difference between the two kinds. Then the
 * public report, read by anyone without logging in: its page and its spreadsheet. A few lifecycles
 * run first, so that the pages read have something on them.
 */
const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const REQUESTS = int('BENCH_REQUESTS', 3_000);
const CONCURRENCY = int('BENCH_CONCURRENCY', 20);
const LIFECYCLES = int('BENCH_LIFECYCLES', 20);
const IDLE_SECONDS = int('BENCH_IDLE_S', 10);

interface RequestKind {
  label: string;
  path: string;
  /** Whose token reads it; null for the public report, read without logging in. */
  as: string | null;
  /** Answered as a file (read as bytes), not JSON; a tenth as many are asked for (each is a workbook written). */
  file?: boolean;
  /** The service that answers it, behind the gateway; none for one the gateway answers itself. */
  answeredBy: string | null;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  console.log(`requests bench: ${REQUESTS} requests of each kind at concurrency ${CONCURRENCY}, after ${LIFECYCLES} lifecycles`);
  await withRegencyBench('requests', async ({ system, api, people, meter, backlog, tracker }) => {
    const district = people.districts[0];
    const village = people.villages[0];
    people.startDesks(0);
    const bar = new ProgressBar('lifecycles', LIFECYCLES);
    await runLifecycles(people, {
      from: 0,
      concurrency: LIFECYCLES,
      rampMs: 0,
      timeoutMs: 300_000,
      count: LIFECYCLES,
      onFinished: (n) => bar.update(n),
    });
    bar.finish();
    await people.stopDesks();
    await waitSettled(backlog);
    // What the processes spend doing nothing (relay polls, timers), taken off each kind's figures.
    await meter.start();
    await sleep(IDLE_SECONDS * 1000);
    const idle = await meter.stop(1);
    // The village's own proposal: its Lurah sees no other.
    const proposalId = [...tracker.lifecycles.values()].find((l) => l.villageCode === village && l.releasedAt !== undefined)?.proposalId;
    if (!proposalId) throw new Error(`no lifecycle finished: ${[...tracker.lifecycles.values()].map((l) => l.failure).join('; ')}`);
    const bkm = `bkm.${village}`;
    const kinds: RequestKind[] = [
      { label: 'me', path: '/me', as: bkm, answeredBy: null },
      { label: 'inbox', path: '/approvals/inbox?pageSize=20', as: `camat.${district}`, answeredBy: 'approvals' },
      { label: 'proposal', path: `/proposals/${proposalId}`, as: `lurah.${village}`, answeredBy: 'proposals' },
      { label: 'funding list', path: '/disbursements?awaitingTreasury=true&page=1&pageSize=20', as: 'bpkad', answeredBy: 'disbursements' },
      { label: 'notifications', path: '/notifications?pageSize=20', as: bkm, answeredBy: 'notifications' },
      // The public report, as a flood of citizens (or one script) would ask for it: its page, and its spreadsheet.
      { label: 'public report', path: '/public/transparency?pageSize=20', as: null, answeredBy: 'disbursements' },
      { label: 'public xlsx', path: '/public/transparency/xlsx', as: null, answeredBy: 'disbursements', file: true },
    ];

    // BENCH_KINDS=me,inbox: only those kinds (their labels).
    const only = process.env.BENCH_KINDS?.split(',').map((k) => k.trim());
    const results = [];
    for (const kind of kinds.filter((k) => !only || only.includes(k.label))) {
      const token = kind.as === null ? undefined : people.token(kind.as);
      const read = () =>
        kind.file ? api.download(kind.path, { token, label: kind.label }) : api.call('GET', kind.path, { token, label: kind.label });
      // One call first, so a wrong path fails here rather than as thousands of errors.
      await read();
      const latencies: number[] = [];
      const requests = kind.file ? Math.ceil(REQUESTS / 10) : REQUESTS;
      // Files are asked for by as many at once as the public report's line lets wait.
      const concurrency = kind.file ? Math.min(CONCURRENCY, PUBLIC_XLSX_MAX_WAITING) : CONCURRENCY;
      const progress = new ProgressBar(kind.label.padEnd(14), requests);
      let sent = 0;
      let turnedAway = 0;
      await meter.start();
      const from = Date.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (sent < requests) {
            sent++;
            const at = performance.now();
            try {
              await read();
            } catch (error) {
              // A public spreadsheet past the line's limit is turned away (503), as the line is meant to: counted, not timed.
              if (!(kind.file && error instanceof ApiError && error.status === 503)) throw error;
              turnedAway++;
              continue;
            }
            latencies.push(performance.now() - at);
            if (latencies.length % 10 === 0) progress.update(latencies.length);
          }
        }),
      );
      const seconds = (Date.now() - from) / 1000;
      const cost = await meter.stop(1);
      progress.finish();
      latencies.sort((a, b) => a - b);
      const cpu = netOfIdle(cost, idle);
      const perRequest = (ms: number | undefined) => round(((ms ?? 0) * 1000) / latencies.length, 0);
      results.push({
        label: kind.label,
        path: kind.path.replace(proposalId, ':id'),
        answeredBy: kind.answeredBy ?? 'gateway',
        requests: latencies.length,
        concurrency,
        turnedAway,
        perSecond: round(latencies.length / seconds, 0),
        latencyMs: { p50: round(percentile(latencies, 50), 1), p99: round(percentile(latencies, 99), 1) },
        cpuMicrosecondsPerRequest: {
          gateway: perRequest(cpu.gateway),
          service: kind.answeredBy ? perRequest(cpu[kind.answeredBy]) : 0,
          postgres: perRequest(cpu.postgres),
          nats: perRequest(cpu.nats),
          total: perRequest(cpu.total),
          benchDriver: perRequest(cpu.benchDriver),
        },
        postgresCommitsPerRequest: round(cost.postgresCommitsPerLifecycle / latencies.length, 2),
        otherCores: cost.machine.otherCores,
      });
    }

    const report = {
      bench: 'requests',
      startedAt: startedAt.toISOString(),
      machine: machineOf(loadBefore),
      shape: { requests: REQUESTS, concurrency: CONCURRENCY, lifecyclesBefore: LIFECYCLES },
      notes: {
        idle: 'each figure is net of what the process spends idle, measured over BENCH_IDLE_S before',
        total: 'the five services, PostgreSQL backends of the bench database, nats-server and redis-server; the bench driver is left out',
        service: 'the service behind the gateway that answers the request',
      },
      kinds: results,
      database: system.databaseName,
    };
    console.log('\nCPU µs per request (gateway / service / postgres / nats / total), requests/s, p50/p99 ms:');
    for (const r of results) {
      const c = r.cpuMicrosecondsPerRequest;
      console.log(
        `  ${r.label.padEnd(14)} ${String(c.gateway).padStart(6)} ${String(c.service).padStart(6)} ${String(c.postgres).padStart(6)} ${String(c.nats).padStart(6)} ${String(c.total).padStart(7)}   ${r.perSecond}/s   ${r.latencyMs.p50}/${r.latencyMs.p99} ms   (other work ${r.otherCores} cores)${r.turnedAway ? `, ${r.turnedAway} turned away (503)` : ''}`,
      );
    }
    console.log(`machine load ${formatLoad(loadBefore)} → ${formatLoad(loadavg())}`);
    console.log(`results: ${writeResults('requests', report, startedAt)}`);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
