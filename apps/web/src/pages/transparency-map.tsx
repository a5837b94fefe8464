import { Fragment } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { transparencySearchParams } from '../lib/transparency-search';
import type { TransparencyPage } from '../api/types';
import { useTransparencyTexts } from './transparency-texts';

export type MapDistrict = TransparencyPage['map'][number];
export type MapSeat = TransparencyPage['seats'][number];

const WIDTH = 320;
const PAD = 24;

/**
 * The regency's kecamatan seats at their positions (longitude and latitude drawn to scale, which near
 * the equator is a fair map): a green dot, sized by its funded proposals, leads to that kecamatan's list.
 */
function SeatMap({ seats, selected }: { seats: MapSeat[]; selected: string }) {
  const { t } = useI18n();
  const x = useTransparencyTexts();
  const lons = seats.map((s) => s.longitude);
  const lats = seats.map((s) => s.latitude);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const scale = (WIDTH - 2 * PAD) / Math.max(maxLon - minLon, maxLat - minLat, 0.01);
  const height = Math.round((maxLat - minLat) * scale + 2 * PAD);
  const at = (seat: MapSeat) => ({ cx: PAD + (seat.longitude - minLon) * scale, cy: PAD + (maxLat - seat.latitude) * scale });
  return (
    <svg
      style={{ width: '100%', maxWidth: 480, height: 'auto', display: 'block' }}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="group"
      aria-labelledby="seat-map-title"
      data-testid="seat-map"
    >
      <title id="seat-map-title">{x.seatMapTitle}</title>
      {seats
        .filter((seat) => seat.proposals === 0)
        .map((seat) => (
          <circle key={seat.code} {...at(seat)} r={3} style={{ fill: 'var(--muted)' }} aria-hidden="true" />
        ))}
      {seats
        .filter((seat) => seat.proposals > 0)
        .map((seat) => {
          const { cx, cy } = at(seat);
          const label = `${t.district} ${seat.name} (${seat.place}): ${x.funded(seat.proposals)}`;
          return (
            <Fragment key={seat.code}>
              <Link
                to={`?${transparencySearchParams({ q: '', districtCode: seat.code, villageCode: '', page: 1 })}`}
                aria-label={label}
                aria-current={selected === seat.code ? 'true' : undefined}
                data-testid="map-seat"
              >
                <circle
                  cx={cx}
                  cy={cy}
                  r={6 + 2 * Math.sqrt(seat.proposals)}
                  style={{ fill: 'var(--green)', stroke: 'var(--green-dark)', strokeWidth: selected === seat.code ? 3 : 1 }}
                />
              </Link>
              <text x={cx + 10 + 2 * Math.sqrt(seat.proposals)} y={cy + 4} style={{ fontSize: 11, fill: 'var(--ink)' }} aria-hidden="true">
                {seat.place}
              </text>
            </Fragment>
          );
        })}
    </svg>
  );
}

/**
 * Where the money goes: the kecamatan seats on a map, then per kecamatan one square per village (the
 * region list has no village coordinates), filled for a village with funded proposals and linking to its list.
 */
export function TransparencyMap({ districts, seats, selected }: { districts: MapDistrict[]; seats: MapSeat[]; selected: string }) {
  const x = useTransparencyTexts();
  if (districts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="village-map-title" data-testid="village-map">
      <h2 id="village-map-title">{x.mapTitle}</h2>
      {seats.length > 0 && <SeatMap seats={seats} selected={selected.split('.').slice(0, 3).join('.')} />}
      <p className="muted">{x.mapIntro}</p>
      {districts.map((district) => (
        <div key={district.code} className="map-district">
          {/* The kecamatan's name alone: the list above already has its "Kecamatan …" heading. */}
          <h3 id={`map-${district.code}`}>{district.name}</h3>
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
