import { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, type LegendPayload, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/api-client';
import type { Dashboard } from '../api/types';
import { ErrorSummary } from '../components/error-summary';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { durationText, durationUnitOf, MINUTES_PER, unitText } from '../lib/duration';
import { formatRupiah, formatRupiahShort } from '../lib/rupiah';

const COLORS = {
  waiting: '#2f6fb3',
  overdue: '#c0392b',
  median: '#7b5ea7',
  committed: '#0f5f4a',
  released: '#e0a100',
  approved: '#8aa39b',
};

/** A legend in the order the bars stand, where recharts sorts it by name ("Dicairkan" before "Dikomitmenkan"). */
const inBarOrder =
  (...dataKeys: string[]) =>
  (item: LegendPayload) =>
    dataKeys.indexOf(String(item.dataKey));

/**
 * A chart with its figures as a table underneath, for screen readers and for reading exact numbers. With
 * nothing to draw, `empty` says so in words in its place, where screen readers read it (the chart is hidden from them).
 */
function ChartCard({ title, table, empty, children }: { title: string; table: ReactNode; empty?: string | false; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="card chart-card" aria-label={title}>
      <h2>{title}</h2>
      {empty ? (
        <p>{empty}</p>
      ) : (
        <div className="chart" aria-hidden="true">
          {children}
        </div>
      )}
      <details>
        <summary>{t.dataTable}</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </section>
  );
}

/** For regency officials: where proposals wait, what is late, how long stages take, and the money per kecamatan. */
export function DashboardPage() {
  const { t, language } = useI18n();
  const { data, error, loading } = useLoad(() => api<Dashboard>('GET', '/dashboard'), []);
  if (!data) {
    return (
      <section>
        <h1>{t.dashboardTitle}</h1>
        <ErrorSummary error={error} />
        {loading && <p aria-live="polite">{t.loading}</p>}
      </section>
    );
  }
  // Axis labels stay short enough for a phone: the role's own word (Lurah, Camat, Dinas, Sekda, Bupati).
  const stages = data.perStage.map((s) => ({
    ...s,
    name: t.roles[s.role] ?? s.role,
    axis: s.role.charAt(0) + s.role.slice(1).toLowerCase(),
  }));
  // The medians are drawn in the unit the longest reads best in (minutes, hours or days), and each is written
  // at its bar's end in its own unit: "12 menit" beside "2,5 jam".
  const medianUnit = durationUnitOf(Math.max(0, ...stages.map((s) => s.medianMinutes ?? 0)));
  return (
    <section>
      <h1>{t.dashboardOf(data.regencyName)}</h1>
      <div className="dashboard-grid">
        <ChartCard
          title={t.perStageChart}
          empty={stages.every((s) => s.open === 0) && t.noneWaiting}
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col">{t.waiting}</th>
                  <th scope="col">{t.overdue}</th>
                </tr>
              </thead>
              <tbody>
                {stages.map((s) => (
                  <tr key={s.role}>
                    <th scope="row">{s.name}</th>
                    <td>{s.open}</td>
                    <td>{s.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <ResponsiveContainer width="100%" height={240}>
            <BarChart accessibilityLayer={false} data={stages}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="axis" fontSize={12} interval={0} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip />
              <Legend itemSorter={inBarOrder('open', 'overdue')} />
              <Bar isAnimationActive={false} dataKey="open" name={t.waiting} fill={COLORS.waiting} />
              <Bar isAnimationActive={false} dataKey="overdue" name={t.overdue} fill={COLORS.overdue} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title={t.medianTime}
          empty={stages.every((s) => s.medianMinutes === null) && t.noneDecided}
          table={
            <table>
              <tbody>
                {stages.map((s) => (
                  <tr key={s.role}>
                    <th scope="row">{s.name}</th>
                    <td>{s.medianMinutes === null ? '—' : durationText(s.medianMinutes, language)}</td>
                    {/* How many decisions the median is of: one decision's time is no pattern yet. */}
                    <td>{t.decisionsCount(s.decided)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          {/* Lying bars, each median written at its end: standing bars left a phone too narrow for "< 1 menit" over each. */}
          <ResponsiveContainer width="100%" height={240}>
            <BarChart
              accessibilityLayer={false}
              layout="vertical"
              margin={{ top: 5, right: 80, bottom: 5, left: 0 }}
              data={stages.map((s) => ({
                ...s,
                median: (s.medianMinutes ?? 0) / MINUTES_PER[medianUnit],
                // No-break spaces: the chart would wrap "< 1 menit" a word to a line.
                medianLabel: s.medianMinutes === null ? '' : durationText(s.medianMinutes, language).replaceAll(' ', '\u00a0'),
              }))}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                type="number"
                allowDecimals={false}
                fontSize={12}
                tickFormatter={(value: number) => unitText(value, medianUnit, language)}
              />
              <YAxis type="category" dataKey="axis" fontSize={12} width={56} />
              <Tooltip formatter={(_value, _name, item) => (item.payload as { medianLabel: string }).medianLabel} />
              {/* A median far below the longest would draw nothing, as a stage with none decided: it gets a sliver
                  of a bar. */}
              <Bar
                isAnimationActive={false}
                dataKey="median"
                name={t.medianTime}
                fill={COLORS.median}
                minPointSize={(_, index) => (stages[index]?.medianMinutes === null ? 0 : 2)}
              >
                <LabelList dataKey="medianLabel" position="right" fontSize={12} fill="#333" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title={t.overduePerDistrict}
          empty={data.overdueByDistrict.length === 0 && t.noneOverdue}
          table={
            <table>
              <tbody>
                {data.overdueByDistrict.map((d) => (
                  <tr key={d.districtCode}>
                    <th scope="row">{d.name}</th>
                    <td>{d.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <ResponsiveContainer width="100%" height={240}>
            <BarChart accessibilityLayer={false} data={data.overdueByDistrict}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" fontSize={12} interval={0} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip />
              <Bar isAnimationActive={false} dataKey="overdue" name={t.overdue} fill={COLORS.overdue} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title={t.fundsPerDistrict}
          empty={data.fundsByDistrict.length === 0 && t.noData}
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.district}</th>
                  <th scope="col" className="amount">
                    {t.approvedAmount}
                  </th>
                  <th scope="col" className="amount">
                    {t.committed}
                  </th>
                  <th scope="col" className="amount">
                    {t.released}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.fundsByDistrict.map((d) => (
                  <tr key={d.districtCode}>
                    <th scope="row">{d.name}</th>
                    <td className="amount">{formatRupiah(d.amount)}</td>
                    <td className="amount">{formatRupiah(d.committed)}</td>
                    <td className="amount">{formatRupiah(d.released)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <ResponsiveContainer width="100%" height={260}>
            <BarChart accessibilityLayer={false} data={data.fundsByDistrict}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" fontSize={12} interval={0} />
              <YAxis tickFormatter={formatRupiahShort} width={80} fontSize={11} />
              <Tooltip formatter={(value) => formatRupiah(Number(value))} />
              <Legend itemSorter={inBarOrder('committed', 'released')} />
              <Bar isAnimationActive={false} dataKey="committed" name={t.committed} fill={COLORS.committed} />
              <Bar isAnimationActive={false} dataKey="released" name={t.released} fill={COLORS.released} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </div>
      <ErrorSummary error={error} />
    </section>
  );
}
