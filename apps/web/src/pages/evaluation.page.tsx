import { ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, apiUrl } from '../api/api-client';
import type { AnswerOf, ListProgrammes, PilotEvaluation } from '@alur/contracts';
import { useSession } from '../auth/session';
import { DownloadLink } from '../components/download-link';
import { ErrorSummary } from '../components/error-summary';
import { RegionPicker, regionsWithin } from '../components/region-picker';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { districtCodeOf, levelOfCode, regencyCodeOf } from '../lib/region-code';
import { formatRupiah } from '../lib/rupiah';

/** One group's figures: the proposals', the stages' and the money's side of it. */
type GroupFigures = PilotEvaluation['groups'][number];

/** This page's texts, Indonesian first; kept here so that they load with the page only. */
const TEXTS = {
  id: {
    title: 'Evaluasi pilot',
    intro:
      'Wilayah pilot dibandingkan dengan wilayah lain kabupaten: usulan, waktu per tahap dalam hari kerja, serapan dana, progres fisik dan penyelesaian.',
    programme: 'Program',
    pilot: 'Wilayah pilot',
    pilotHint: 'Kecamatan (dan desa/kelurahan) yang dibandingkan dengan wilayah lain. Tanpa pilihan, daftar wilayah program yang dipakai.',
    pilotVillages: 'Desa/kelurahan pilot',
    addVillage: 'Tambah satu desa/kelurahan',
    addToPilot: 'Tambahkan ke pilot',
    programmeRegions: 'Pakai daftar wilayah program',
    compare: 'Bandingkan dengan tahun sebelumnya',
    show: 'Tampilkan',
    pilotGroup: 'Pilot',
    others: 'Lainnya',
    downloadXlsx: 'Unduh Excel',
    downloadCsv: 'Unduh CSV',
    downloadPdf: 'Unduh PDF',
    proposals: 'Usulan',
    submitted: 'Diajukan',
    approved: 'Disetujui',
    returned: 'Dikembalikan',
    rejected: 'Ditolak',
    stageDays: 'Hari kerja per tahap (median dan p90)',
    median: 'Median',
    p90: 'p90',
    decided: 'Diputus',
    overdue: 'Terlambat',
    escalated: 'Dieskalasi',
    absorption: 'Serapan dana',
    releasedOfCommitted: 'Cair / komitmen',
    committedOfCeiling: 'Komitmen / pagu',
    figure: 'Angka',
    funded: 'Didanai',
    awaitingBudget: 'Menunggu pagu',
    ceiling: 'Pagu',
    committed: 'Dikomitmenkan',
    released: 'Dicairkan',
    progress: 'Rata-rata progres fisik terverifikasi',
    completed: 'Selesai',
    completedOnTime: 'Selesai sebelum tutup tahun',
    overdueStages: 'Tahap melewati tenggat',
    escalatedStages: 'Tahap dieskalasi',
    pilotRegions: 'Wilayah pilot',
    definitions:
      'Hari kerja: Senin–Jumat di luar hari libur kalender kabupaten, dari tahap dibuka sampai diputus. Median dan p90 dengan peringkat terdekat. Terlambat: diputus setelah tenggat atau masih terbuka melewatinya.',
  },
  en: {
    title: 'Pilot evaluation',
    intro:
      'The pilot regions against the rest of the regency: proposals, working days per stage, absorption of funds, physical progress and completion.',
    programme: 'Programme',
    pilot: 'Pilot regions',
    pilotHint: 'The kecamatan (and villages) compared with the rest. With none chosen, the programme’s own list is used.',
    pilotVillages: 'Pilot villages',
    addVillage: 'Add one village',
    addToPilot: 'Add to the pilot',
    programmeRegions: 'Use the programme’s own list',
    compare: 'Compare with the previous year',
    show: 'Show',
    pilotGroup: 'Pilot',
    others: 'Others',
    downloadXlsx: 'Download Excel',
    downloadCsv: 'Download CSV',
    downloadPdf: 'Download PDF',
    proposals: 'Proposals',
    submitted: 'Submitted',
    approved: 'Approved',
    returned: 'Returned',
    rejected: 'Rejected',
    stageDays: 'Working days per stage (median and p90)',
    median: 'Median',
    p90: 'p90',
    decided: 'Decided',
    overdue: 'Late',
    escalated: 'Escalated',
    absorption: 'Absorption of funds',
    releasedOfCommitted: 'Released / committed',
    committedOfCeiling: 'Committed / ceiling',
    figure: 'Figure',
    funded: 'Funded',
    awaitingBudget: 'Awaiting budget',
    ceiling: 'Ceiling',
    committed: 'Committed',
    released: 'Released',
    progress: 'Mean verified physical progress',
    completed: 'Completed',
    completedOnTime: 'Completed before year-end closing',
    overdueStages: 'Stages past their deadline',
    escalatedStages: 'Stages escalated',
    pilotRegions: 'Pilot regions',
    definitions:
      'Working days: Monday to Friday except the regency calendar’s holidays, from a stage’s opening to its decision. Median and p90 by nearest rank. Late: decided after the deadline, or still open past it.',
  },
};
type Texts = (typeof TEXTS)['id'];

const COLORS = { PILOT: '#0f5f4a', OTHERS: '#2f6fb3', PILOT_PREVIOUS: '#7fb3a3', OTHERS_PREVIOUS: '#9dbbe0' };
const decimal = (value: number | null, language: string) =>
  value === null ? '—' : value.toLocaleString(language === 'id' ? 'id-ID' : 'en-GB');

/** A column of the tables: one group of one year. */
interface Column {
  key: string;
  title: string;
  group: GroupFigures;
  color: string;
}

function columnsOf(evaluation: PilotEvaluation, x: Texts): Column[] {
  const years = evaluation.previousYear ? [evaluation, evaluation.previousYear] : [evaluation];
  return years.flatMap((year, y) =>
    year.groups.map((group) => ({
      key: `${group.group}-${year.fiscalYear}`,
      title: `${group.group === 'PILOT' ? x.pilotGroup : x.others} ${year.fiscalYear}`,
      group,
      color: COLORS[`${group.group}${y ? '_PREVIOUS' : ''}` as keyof typeof COLORS],
    })),
  );
}

/** A chart, hidden from screen readers, whose figures are in the table beside it. */
function ChartCard({ title, children, table }: { title: string; children: ReactNode; table: ReactNode }) {
  return (
    <section className="card chart-card" aria-label={title}>
      <h2>{title}</h2>
      <div className="chart" aria-hidden="true">
        {children}
      </div>
      <div className="table-scroll">{table}</div>
    </section>
  );
}

/** The level a village added to the pilot is chosen at: a kecamatan, then one of its villages. */
const VILLAGE_LEVEL = ['village'] as const;

/**
 * The pilot's regions, chosen by name: the regency's kecamatan to tick, the villages in the pilot (a
 * programme may list villages) to keep or leave out, and a village of an unticked kecamatan to add.
 */
function PilotRegions({
  regencyCode,
  chosen,
  names,
  onChange,
  x,
}: {
  regencyCode: string;
  chosen: readonly string[];
  /** The names the evaluation gave its pilot regions, for the villages among them. */
  names: ReadonlyMap<string, string>;
  onChange(codes: string[]): void;
  x: Texts;
}) {
  const districts = useLoad(() => regionsWithin(regencyCode), [regencyCode]);
  const [adding, setAdding] = useState('');
  // The names of villages added here, until the evaluation shown names them itself.
  const [addedNames, setAddedNames] = useState<ReadonlyMap<string, string>>(new Map());
  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));
  const villages = chosen.filter((code) => levelOfCode(code) === 'village');
  // A village already in, or in a ticked kecamatan, adds nothing.
  const addable = levelOfCode(adding) === 'village' && !chosen.includes(adding) && !chosen.includes(districtCodeOf(adding));
  return (
    <fieldset className="field" aria-describedby="evaluation-pilot-hint">
      <legend>{x.pilot}</legend>
      <p id="evaluation-pilot-hint" className="hint">
        {x.pilotHint}
      </p>
      <ErrorSummary error={districts.error} />
      <div className="checkbox-grid">
        {districts.data?.items.map((district) => (
          <label key={district.code} className="checkbox">
            <input type="checkbox" checked={chosen.includes(district.code)} onChange={(e) => toggle(district.code, e.target.checked)} />{' '}
            {district.name}
          </label>
        ))}
      </div>
      {villages.length > 0 && (
        <>
          <p>{x.pilotVillages}</p>
          <div className="checkbox-grid">
            {villages.map((code) => (
              <label key={code} className="checkbox">
                <input type="checkbox" checked onChange={() => toggle(code, false)} /> {names.get(code) ?? addedNames.get(code) ?? code}
              </label>
            ))}
          </div>
        </>
      )}
      {/* Folded: a pilot is mostly whole kecamatan; a single village is the exception. */}
      <details className="field">
        <summary>{x.addVillage}</summary>
        <div role="group" aria-label={x.addVillage}>
          <RegionPicker
            id="evaluation-add-village"
            label={x.addVillage}
            regencyCode={regencyCode}
            levels={VILLAGE_LEVEL}
            value={adding}
            onChange={(code, name) => {
              setAdding(code);
              if (name) setAddedNames((before) => new Map(before).set(code, name));
            }}
          />
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              disabled={!addable}
              onClick={() => {
                onChange([...chosen, adding]);
                setAdding('');
              }}
            >
              {x.addToPilot}
            </button>
          </div>
        </div>
      </details>
    </fieldset>
  );
}

/** For regency officials and Bappeda's analysts: a programme's pilot evaluation, with charts and its CSV and PDF. */
export function EvaluationPage() {
  const { t, language } = useI18n();
  const x = TEXTS[language];
  const { user } = useSession();
  // The evaluation's readers are regency officials: their region is the kabupaten (`14.03`).
  const regencyCode = user ? regencyCodeOf(user.regionCode) : '';
  const [search, setSearch] = useSearchParams();
  const programmes = useLoad(() => api<AnswerOf<typeof ListProgrammes>>('GET', '/programmes'), []);
  const list = (programmes.data ?? []).filter((p) => p.latest);
  const code = search.get('program') ?? list[0]?.code ?? '';
  const programme = list.find((p) => p.code === code);
  const pilot = search.get('pilot') ?? '';
  const compare = search.get('banding') === '1';
  const query = { pilot: pilot || undefined, compareWith: compare ? 'previous-year' : undefined };
  const base = programme ? `/evaluations/${programme.code}/${programme.latest!.fiscalYear}` : '';
  const evaluation = useLoad(
    () => (base ? api<PilotEvaluation>('GET', base, { query }) : Promise.resolve(undefined)),
    [base, pilot, compare],
  );
  const data = evaluation.data;

  // The pilot as shown (the address's, else the programme's own list the answer names) until it is changed here.
  const shown = `${code}|${pilot}`;
  const [edited, setEdited] = useState<{ shown: string; codes: string[] }>();
  // Changed here, the pilot goes into the address; untouched, it stays as it was (none: the programme's own list).
  const chosenPilot = (edited?.shown === shown ? edited.codes : undefined) ?? (pilot ? pilot.split(',') : undefined);
  const pilotDraft = chosenPilot ?? data?.pilotRegionCodes ?? [];
  const pilotNames = new Map((data?.pilotRegions ?? []).map((region) => [region.code, region.name]));
  const submit = (form: HTMLFormElement, pilotCodes: readonly string[] | null) => {
    const fields = new FormData(form);
    const next = new URLSearchParams();
    next.set('program', String(fields.get('program') ?? ''));
    if (pilotCodes?.length) next.set('pilot', pilotCodes.join(','));
    if (fields.get('banding')) next.set('banding', '1');
    setEdited(undefined);
    setSearch(next);
  };

  const columns = data ? columnsOf(data, x) : [];
  const roles = data ? [...new Set(columnsOf(data, x).flatMap((c) => c.group.stages.map((s) => s.role)))] : [];
  const roleName = (role: string) => t.roles[role as keyof typeof t.roles] ?? role;
  const head = (
    <thead>
      <tr>
        <th scope="col">{x.figure}</th>
        {columns.map((c) => (
          <th scope="col" key={c.key} className="amount">
            {c.title}
          </th>
        ))}
      </tr>
    </thead>
  );
  const row = (label: string, cell: (g: GroupFigures) => string) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      {columns.map((c) => (
        <td key={c.key} className="amount">
          {cell(c.group)}
        </td>
      ))}
    </tr>
  );
  const percent = (bp: number) => `${decimal(bp / 100, language)}%`;

  return (
    <section>
      <h1>{x.title}</h1>
      <p>{x.intro}</p>
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          submit(event.currentTarget, chosenPilot ?? null);
        }}
      >
        <div className="field">
          <label htmlFor="evaluation-programme">{x.programme}</label>
          <select id="evaluation-programme" name="program" defaultValue={code} key={code}>
            {list.map((p) => (
              <option key={p.code} value={p.code}>
                {p.latest!.name}
              </option>
            ))}
          </select>
        </div>
        <PilotRegions
          regencyCode={regencyCode}
          chosen={pilotDraft}
          names={pilotNames}
          onChange={(codes) => setEdited({ shown, codes })}
          x={x}
        />
        <div className="field checkbox">
          <input id="evaluation-compare" name="banding" type="checkbox" defaultChecked={compare} key={String(compare)} />
          <label htmlFor="evaluation-compare">{x.compare}</label>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {x.show}
          </button>
          {pilot && (
            <button type="button" className="button secondary" onClick={(event) => submit(event.currentTarget.form!, null)}>
              {x.programmeRegions}
            </button>
          )}
        </div>
      </form>

      <ErrorSummary error={programmes.error ?? evaluation.error} />
      {(programmes.loading || evaluation.loading) && <p aria-live="polite">{t.loading}</p>}

      {data && (
        <>
          <p>
            {x.pilotRegions}: {data.pilotRegions.map((region) => region.name).join(', ') || t.none}
          </p>
          <div className="actions">
            <DownloadLink href={apiUrl(`${base}/xlsx`, query)}>{x.downloadXlsx}</DownloadLink>{' '}
            <DownloadLink href={apiUrl(`${base}/csv`, query)}>{x.downloadCsv}</DownloadLink>{' '}
            <DownloadLink href={apiUrl(`${base}/pdf`, query)}>{x.downloadPdf}</DownloadLink>
          </div>
          <div className="dashboard-grid">
            <ChartCard
              title={x.proposals}
              table={
                <table>
                  {head}
                  <tbody>
                    {row(x.submitted, (g) => String(g.submitted))}
                    {row(x.approved, (g) => String(g.approved))}
                    {row(x.returned, (g) => String(g.returned))}
                    {row(x.rejected, (g) => String(g.rejected))}
                  </tbody>
                </table>
              }
            >
              <ResponsiveContainer width="100%" height={240}>
                <BarChart
                  accessibilityLayer={false}
                  data={(['submitted', 'approved', 'returned', 'rejected'] as const).map((key) => ({
                    name: x[key],
                    ...Object.fromEntries(columns.map((c) => [c.key, c.group[key]])),
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" fontSize={12} interval={0} />
                  <YAxis allowDecimals={false} fontSize={12} />
                  <Tooltip />
                  <Legend />
                  {columns.map((c) => (
                    <Bar key={c.key} isAnimationActive={false} dataKey={c.key} name={c.title} fill={c.color} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </ChartCard>

            <ChartCard
              title={x.stageDays}
              table={
                <table>
                  {head}
                  <tbody>
                    {roles.flatMap((role) => [
                      row(`${roleName(role)}: ${x.median}`, (g) =>
                        decimal(g.stages.find((s) => s.role === role)?.medianWorkingDays ?? null, language),
                      ),
                      row(`${roleName(role)}: ${x.p90}`, (g) =>
                        decimal(g.stages.find((s) => s.role === role)?.p90WorkingDays ?? null, language),
                      ),
                      row(`${roleName(role)}: ${x.overdue}`, (g) => String(g.stages.find((s) => s.role === role)?.overdue ?? 0)),
                      row(`${roleName(role)}: ${x.escalated}`, (g) => String(g.stages.find((s) => s.role === role)?.escalated ?? 0)),
                    ])}
                    {row(x.overdueStages, (g) => String(g.overdueStages))}
                    {row(x.escalatedStages, (g) => String(g.escalatedStages))}
                  </tbody>
                </table>
              }
            >
              <ResponsiveContainer width="100%" height={240}>
                <BarChart
                  accessibilityLayer={false}
                  data={roles.map((role) => ({
                    name: roleName(role),
                    ...Object.fromEntries(
                      columns.flatMap((c) => {
                        const stage = c.group.stages.find((s) => s.role === role);
                        return [
                          [`${c.key}-median`, stage?.medianWorkingDays ?? 0],
                          [`${c.key}-p90`, stage?.p90WorkingDays ?? 0],
                        ];
                      }),
                    ),
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" fontSize={12} interval={0} />
                  <YAxis fontSize={12} />
                  <Tooltip />
                  <Legend />
                  {columns.flatMap((c) => [
                    <Bar
                      key={`${c.key}-median`}
                      isAnimationActive={false}
                      dataKey={`${c.key}-median`}
                      name={`${c.title} ${x.median}`}
                      fill={c.color}
                    />,
                    <Bar
                      key={`${c.key}-p90`}
                      isAnimationActive={false}
                      dataKey={`${c.key}-p90`}
                      name={`${c.title} ${x.p90}`}
                      fill={c.color}
                      fillOpacity={0.5}
                    />,
                  ])}
                </BarChart>
              </ResponsiveContainer>
            </ChartCard>

            <ChartCard
              title={x.absorption}
              table={
                <table>
                  {head}
                  <tbody>
                    {row(x.funded, (g) => String(g.funded))}
                    {row(x.awaitingBudget, (g) => String(g.awaitingBudget))}
                    {row(x.ceiling, (g) => formatRupiah(g.ceiling))}
                    {row(x.committed, (g) => formatRupiah(g.committed))}
                    {row(x.released, (g) => formatRupiah(g.released))}
                    {row(x.releasedOfCommitted, (g) => percent(g.releasedOfCommittedBp))}
                    {row(x.committedOfCeiling, (g) => percent(g.committedOfCeilingBp))}
                    {row(x.progress, (g) => `${decimal(g.averageProgressPercent, language)}%`)}
                    {row(x.completed, (g) => String(g.completed))}
                    {row(x.completedOnTime, (g) => String(g.completedOnTime))}
                  </tbody>
                </table>
              }
            >
              <ResponsiveContainer width="100%" height={240}>
                <BarChart
                  accessibilityLayer={false}
                  data={[
                    {
                      name: x.releasedOfCommitted,
                      ...Object.fromEntries(columns.map((c) => [c.key, c.group.releasedOfCommittedBp / 100])),
                    },
                    { name: x.committedOfCeiling, ...Object.fromEntries(columns.map((c) => [c.key, c.group.committedOfCeilingBp / 100])) },
                  ]}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" fontSize={12} interval={0} />
                  <YAxis fontSize={12} unit="%" domain={[0, 100]} />
                  <Tooltip />
                  <Legend />
                  {columns.map((c) => (
                    <Bar key={c.key} isAnimationActive={false} dataKey={c.key} name={c.title} fill={c.color} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </ChartCard>
          </div>
          <p className="hint">{x.definitions}</p>
        </>
      )}
    </section>
  );
}
