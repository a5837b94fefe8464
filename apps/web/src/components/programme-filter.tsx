import { useI18n } from '../i18n/i18n';
import { Field } from './field';
import { useProgrammeNames } from './programme-name';

/** Narrows a list to one published programme, chosen by its name; '' for all of them. */
export function ProgrammeFilter({ id, value, onChange }: { id: string; value: string; onChange(programCode: string): void }) {
  const { t } = useI18n();
  const programmes = [...useProgrammeNames().entries()];
  return (
    <Field id={id} label={t.programme}>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t.allProgrammes}</option>
        {programmes.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  );
}
