import { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/api-client';
import type { Dashboard } from '../api/types';
import { ErrorSummary } from '../components/error-summary';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import type { Language } from '../i18n/messages';
import { formatRupiah, formatRupiahShort } from '../lib/rupiah';

const COLORS = {
  waiting: '#2f6fb3',
  overdue: '#c0392b',
  median: '#7b5ea7',
  committed: '#0f5f4a',
  released: '#e0a100',
  approved: '#8aa39b',
};

/** Days with one decimal as the reader writes them (`1,5` in Indonesian, `1.5` in English). */
const daysText = (days: number, language: Language) => days.toLocaleString(language === 'en' ? 'en' : 'id-ID');

/** A chart with its figures as a table underneath, for screen readers and for reading exact numbers. */
function ChartCard({ title, table, children }: { title: string; table: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="card chart-card" aria-label={title}>
      <h2>{title}</h2>
      <div className="chart" aria-hidden="true">
        {children}
      </div>
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
  return (
    <section>
      <h1>{t.dashboardTitle}</h1>
      <div className="dashboard-grid">
        <ChartCard
          title={t.perStageChart}
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
              <Legend />
              <Bar isAnimationActive={false} dataKey="open" name={t.waiting} fill={COLORS.waiting} />
              <Bar isAnimationActive={false} dataKey="overdue" name={t.overdue} fill={COLORS.overdue} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title={t.medianDays}
          table={
            <table>
              <tbody>
                {stages.map((s) => (
                  <tr key={s.role}>
                    <th scope="row">{s.name}</th>
                    <td>{s.medianDays === null ? '—' : `${daysText(s.medianDays, language)} ${t.days}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <ResponsiveContainer width="100%" height={240}>
            <BarChart
              accessibilityLayer={false}
              data={stages.map((s) => ({
                ...s,
                medianDays: s.medianDays ?? 0,
                medianLabel: s.medianDays === null ? '' : daysText(s.medianDays, language),
              }))}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="axis" fontSize={12} interval={0} />
              <YAxis fontSize={12} />
              <Tooltip />
              {/* A median under an hour or so rounds to 0 days and would draw nothing, as a stage with none decided:
                  it gets a sliver of a bar, and each median is written above its bar. */}
              <Bar
                isAnimationActive={false}
                dataKey="medianDays"
                name={t.medianDays}
                fill={COLORS.median}
                minPointSize={(_, index) => (stages[index]?.medianDays === null ? 0 : 2)}
              >
                <LabelList dataKey="medianLabel" position="top" fontSize={12} fill="#333" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title={t.overduePerDistrict}
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
          {data.overdueByDistrict.length === 0 ? (
            <p>{t.noData}</p>
          ) : (
            <ResponsiveContainer width="100%" height={240}>
              <BarChart accessibilityLayer={false} data={data.overdueByDistrict}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" fontSize={12} interval={0} />
                <YAxis allowDecimals={false} fontSize={12} />
                <Tooltip />
                <Bar isAnimationActive={false} dataKey="overdue" name={t.overdue} fill={COLORS.overdue} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </ChartCard>

        <ChartCard
          title={t.fundsPerDistrict}
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
          {data.fundsByDistrict.length === 0 ? (
            <p>{t.noData}</p>
          ) : (
            <ResponsiveContainer width="100%" height={260}>
              <BarChart accessibilityLayer={false} data={data.fundsByDistrict}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" fontSize={12} interval={0} />
                <YAxis tickFormatter={formatRupiahShort} width={80} fontSize={11} />
                <Tooltip formatter={(value) => formatRupiah(Number(value))} />
                <Legend />
                <Bar isAnimationActive={false} dataKey="committed" name={t.committed} fill={COLORS.committed} />
                <Bar isAnimationActive={false} dataKey="released" name={t.released} fill={COLORS.released} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </ChartCard>
      </div>
      <ErrorSummary error={error} />
    </section>
  );
}
