import { useEffect, useState } from 'react';
import type { RegionOption, RegionOptionList, RegionOptionsQuery, RoleRegionLevel } from '@alur/contracts';
import { api } from '../api/api-client';
import { useI18n } from '../i18n/i18n';
import { districtCodeOf, levelOfCode } from '../lib/region-code';
import { ErrorSummary } from './error-summary';
import { Field } from './field';
import { useLoad } from './use-load';

/** The regions one tier below a code (a regency's kecamatan, a kecamatan's villages), by name. */
export const regionsWithin = (within: string) =>
  api<RegionOptionList>('GET', '/regions', { query: { within } satisfies RegionOptionsQuery });

/**
 * The regions `regionsWithin(within)` answered, as a select's options by name, a village with whether it is a
 * kelurahan or a desa. Only those within `within`: a list still loading from the region chosen before is not offered.
 */
export function RegionOptions({ options, within }: { options: readonly RegionOption[] | undefined; within: string }) {
  const { t } = useI18n();
  return options
    ?.filter((option) => option.code.startsWith(`${within}.`))
    .map((option) => (
      <option key={option.code} value={option.code}>
        {option.villageKind ? `${option.name} (${t.villageKinds[option.villageKind]})` : option.name}
      </option>
    ));
}

interface RegionPickerProps {
  /** The id of the select that decides the value (the village's, where a village is asked for): its error is shown there. */
  id: string;
  label: string;
  regencyCode: string;
  /** The levels the region may be at (ROLE_REGION_LEVELS of a role). */
  levels: readonly RoleRegionLevel[];
  /** A Kemendagri code, or '' while none is chosen. */
  value: string;
  /** The code chosen, with the chosen village's name where a village was chosen. */
  onChange(code: string, villageName?: string): void;
  error?: string;
}

/**
 * A region chosen by its name, as people know it, rather than typed as its code: the kecamatan of the
 * regency, then its kelurahan or desa where a village is asked for. A role held over the whole regency
 * needs no choice. The value follows the levels: a village's kecamatan stays chosen when only a
 * kecamatan is asked for, and a kecamatan waits for its village when a village is.
 */
export function RegionPicker({ id, label, regencyCode, levels, value, onChange, error }: RegionPickerProps) {
  const { t } = useI18n();
  const wantsVillage = levels.includes('village');
  const wantsDistrict = levels.includes('district');
  const wantsRegency = levels.includes('regency');
  const [district, setDistrict] = useState(() => districtCodeOf(value));
  const level = levelOfCode(value);

  useEffect(() => {
    if (value === '') {
      if (wantsRegency) onChange(regencyCode);
    } else if (!level || !levels.includes(level)) {
      if (wantsRegency && !wantsDistrict) onChange(regencyCode);
      else if (wantsDistrict && level === 'village') onChange(districtCodeOf(value));
      else onChange('');
    }
  }, [value, level, levels, wantsRegency, wantsDistrict, regencyCode, onChange]);

  const districts = useLoad(
    () => (wantsVillage || wantsDistrict ? regionsWithin(regencyCode) : Promise.resolve(undefined)),
    [regencyCode, wantsVillage, wantsDistrict],
  );
  const villages = useLoad(
    () => (wantsVillage && district ? regionsWithin(district) : Promise.resolve(undefined)),
    [wantsVillage, district],
  );

  if (!wantsVillage && !wantsDistrict) {
    return (
      <Field id={id} label={label} error={error}>
        <input value={t.wholeRegency} readOnly />
      </Field>
    );
  }
  const districtId = wantsVillage ? `${id}-district` : id;
  return (
    <>
      <ErrorSummary error={districts.error ?? villages.error} />
      <Field id={districtId} label={t.district} error={wantsVillage ? undefined : error}>
        <select
          value={wantsVillage ? district : value}
          onChange={(event) => {
            setDistrict(event.target.value === regencyCode ? '' : event.target.value);
            onChange(wantsVillage ? '' : event.target.value);
          }}
        >
          {wantsRegency ? <option value={regencyCode}>{t.wholeRegency}</option> : <option value="">{t.chooseDistrict}</option>}
          <RegionOptions options={districts.data?.items} within={regencyCode} />
        </select>
      </Field>
      {wantsVillage && (
        <Field id={id} label={t.village} error={error}>
          <select
            value={value}
            onChange={(event) =>
              onChange(event.target.value, villages.data?.items.find((option) => option.code === event.target.value)?.name)
            }
            disabled={!district}
          >
            <option value="">{t.chooseVillage}</option>
            <RegionOptions options={villages.data?.items} within={district} />
          </select>
        </Field>
      )}
    </>
  );
}
