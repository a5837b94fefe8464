import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { transparencySearchParams } from '../lib/transparency-search';
import { useTransparencyTexts } from './transparency-texts';

export interface MapDistrict {
  code: string;
  name: string;
  villages: Array<{ code: string; name: string; proposals: number; amount: number; released: number }>;
}

/**
 * Where the money goes, drawn without coordinates (the region list has none): per kecamatan, one
 * square per village, filled for a village with funded proposals and linking to its list.
 */
export function TransparencyMap({ districts, selected }: { districts: MapDistrict[]; selected: string }) {
  const { t } = useI18n();
  const x = useTransparencyTexts();
  if (districts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="village-map-title" data-testid="village-map">
      <h2 id="village-map-title">{x.mapTitle}</h2>
      <p className="muted">{x.mapIntro}</p>
      {districts.map((district) => (
        <div key={district.code} className="map-district">
          <h3 id={`map-${district.code}`}>
            {t.district} {district.name}
          </h3>
          <ul className="village-map" aria-labelledby={`map-${district.code}`}>
            {district.villages.map((village) => {
              const label = `${village.name}: ${village.proposals ? x.funded(village.proposals) : x.notFunded}`;
              return (
                <li key={village.code} className={village.proposals ? 'funded' : undefined}>
                  {village.proposals ? (
                    <Link
                      to={`?${transparencySearchParams({ q: '', districtCode: district.code, villageCode: village.code, page: 1 })}`}
                      aria-label={label}
                      aria-current={selected === village.code ? 'true' : undefined}
                      title={label}
                      data-testid="map-village"
                    >
                      <span aria-hidden="true">{village.proposals}</span>
                    </Link>
                  ) : (
                    <span role="img" aria-label={label} title={label} />
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
