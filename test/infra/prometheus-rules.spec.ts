// Checks infra/prometheus and infra/grafana without a Prometheus: every alert is complete, points at
// a runbook section that exists, and reads only metrics the services export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse } from 'yaml';
import { METRICS } from '@alur/metrics';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rulesFile = parse(read('infra/prometheus/alerts.rules.yml')) as { groups: Array<{ name: string; rules: Rule[] }> };
const rules = rulesFile.groups.flatMap((group) => group.rules);

const HISTOGRAMS: string[] = [METRICS.httpRequestDuration, METRICS.rpcHandlingDuration, METRICS.timerLateness];

/** What a scrape of an Alur service holds: its own metrics (histograms as _bucket/_sum/_count) and prom-client's defaults. */
function exportedNames(): Set<string> {
  const names = new Set<string>(['up']); // Prometheus' own, per target
  for (const name of Object.values(METRICS)) {
    names.add(name);
    if (HISTOGRAMS.includes(name)) for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const metric of registry.getMetricsAsArray()) {
    names.add(metric.name);
    for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}
const exported = exportedNames();

/** Metric names in a PromQL expression: every name of ours or of the default collectors, and `up`. */
function metricNamesIn(expr: string): string[] {
  return [...new Set(expr.match(/\b(?:alur_|process_|nodejs_)[a-zA-Z0-9_:]*|\bup(?=\s*[{\[)]|\s*==)/g) ?? [])];
}

/** GitHub's anchor for a Markdown heading. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
const runbookAnchors = new Set(
  read('docs/runbook.md')
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
    .map((line) => slug(line.replace(/^#+\s*/, ''))),
);

function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const char of expr.replace(/"[^"]*"/g, '')) {
    if ('([{'.includes(char)) stack.push(char);
    else if (char in pairs && stack.pop() !== pairs[char]) return false;
  }
  return stack.length === 0;
}

describe('infra/prometheus/alerts.rules.yml', () => {
  it('alerts on each failure the operator must act on', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'AlurServiceDown',
        'AlurOutboxNotDraining',
        'AlurConsumerStopped',
        'AlurConsumerLagging',
        'AlurDeadLetters',
        'AlurOverdueStagesPilingUp',
        'AlurDeliveriesFailing',
        'AlurTimersLate',
      ]),
    );
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))('%s is a complete rule', (_name, rule) => {
    expect(rule.alert).toMatch(/^Alur[A-Z][A-Za-z]+$/);
    expect(typeof rule.expr).toBe('string');
    expect(balanced(rule.expr)).toBe(true);
    if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smhd]$/);
    expect(['critical', 'warning']).toContain(rule.labels?.severity);
    expect(rule.annotations?.summary).toBeTruthy();
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))('%s points at a section of docs/runbook.md', (_name, rule) => {
    const [file, anchor] = (rule.annotations?.runbook ?? '').split('#');
    expect(file).toBe('docs/runbook.md');
    expect([...runbookAnchors]).toContain(anchor);
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))('%s reads only metrics the services export', (_name, rule) => {
    const names = metricNamesIn(rule.expr);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('is loaded by infra/prometheus/prometheus.yml, which scrapes the job the rules name', () => {
    const config = parse(read('infra/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: Array<{
        job_name: string;
        relabel_configs: Array<{ source_labels?: string[]; regex?: string; target_label?: string }>;
      }>;
    };
    expect(config.rule_files).toContain('alerts.rules.yml');
    const job = config.scrape_configs.find((scrape) => scrape.job_name === 'alur');
    expect(job).toBeDefined();
    // Only the container port named `metrics` is scraped, and `service` comes from the pod's name label.
    expect(job!.relabel_configs).toContainEqual(
      expect.objectContaining({ source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: 'metrics' }),
    );
    expect(job!.relabel_configs).toContainEqual(expect.objectContaining({ target_label: 'service' }));
    for (const rule of rules) {
      for (const job of rule.expr.match(/job="([^"]+)"/g) ?? []) expect(job).toBe('job="alur"');
    }
  });
});

describe('infra/grafana/alur-dashboard.json', () => {
  const dashboard = JSON.parse(read('infra/grafana/alur-dashboard.json')) as {
    uid: string;
    panels: Array<{ id: number; title: string; description?: string; targets: Array<{ expr: string }>; gridPos: object }>;
  };

  it('is an importable dashboard with unique panel ids', () => {
    expect(dashboard.uid).toBe('alur-operations');
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) {
      expect(panel.gridPos).toBeDefined();
      expect(panel.targets.length).toBeGreaterThan(0);
    }
  });

  it('plots only metrics the services export', () => {
    const unknown = dashboard.panels
      .flatMap((panel) => panel.targets.flatMap((target) => metricNamesIn(target.expr)))
      .filter((name) => !exported.has(name));
    expect(unknown).toEqual([]);
  });

  it('has a panel for what each alert watches', () => {
    const described = dashboard.panels.map((panel) => panel.description ?? '').join(' ');
    for (const rule of rules) expect(described).toContain(rule.alert);
  });
});
