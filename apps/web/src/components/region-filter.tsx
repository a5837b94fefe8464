import { useI18n } from '../i18n/i18n';
import type { AddressRegion } from '../lib/address-region';
import { levelOfCode } from '../lib/region-code';
import { ErrorSummary } from './error-summary';
import { Field } from './field';
import { RegionOptions, regionsWithin } from './region-picker';
import { useLoad } from './use-load';

interface RegionFilterProps {
  /** The ids of the selects start with it. */
  id: string;
  /** The reader's own region: what they may narrow to lies within it. */
  within: string;
  value: AddressRegion;
  onChange(region: AddressRegion): void;
}

/**
 * Narrows a list to a part of the reader's region, by name: a regency's officials choose a kecamatan, then one of
 * its villages; a kecamatan's choose one of its villages; a village's have nothing to narrow to, and see nothing.
 */
export function RegionFilter({ id, within, value, onChange }: RegionFilterProps) {
  const { t } = useI18n();
  const level = levelOfCode(within);
  const district = level === 'district' ? within : value.districtCode;
  const districts = useLoad(() => (level === 'regency' ? regionsWithin(within) : Promise.resolve(undefined)), [level, within]);
  const villages = useLoad(() => (district ? regionsWithin(district) : Promise.resolve(undefined)), [district]);
  if (level !== 'regency' && level !== 'district') return null;
  // A kecamatan's official names their kecamatan only with a village: on its own it narrows nothing.
  const withVillage = (villageCode: string) => ({ districtCode: level === 'regency' || villageCode ? district : '', villageCode });

  return (
    <>
      <ErrorSummary error={districts.error ?? villages.error} />
      {level === 'regency' && (
        <Field id={`${id}-district`} label={t.district}>
          <select value={value.districtCode} onChange={(event) => onChange({ districtCode: event.target.value, villageCode: '' })}>
            <option value="">{t.allDistricts}</option>
            <RegionOptions options={districts.data?.items} within={within} />
          </select>
        </Field>
      )}
      <Field id={`${id}-village`} label={t.village}>
        <select value={value.villageCode} disabled={!district} onChange={(event) => onChange(withVillage(event.target.value))}>
          <option value="">{t.allVillages}</option>
          <RegionOptions options={villages.data?.items} within={district} />
        </select>
      </Field>
    </>
  );
}
