/**
 * Where a village lies, for checking the position of its progress photos. idn-area-data carries no
 * coordinates, so the demo regency's villages take their kecamatan's seat (ibu kota kecamatan):
 * `basis` says so, and the distance allowed (PHOTO_MAX_DISTANCE_KM) is sized to a kecamatan, not to
 * a village. Only Bengkalis town's is a published position (the regency seat, 1°29′23″N 102°04′47″E);
 * the other ten are rough estimates for the demo, checked against no source, and may be off by
 * several kilometres. A regency in production replaces this table with its villages' surveyed
 * points (BIG / Kemendagri), basis VILLAGE.
 */
export interface VillageLocation {
  latitude: number;
  longitude: number;
  basis: 'VILLAGE' | 'KECAMATAN_SEAT';
  /** The place the point stands for, e.g. `Duri` (seat of Kecamatan Mandau). */
  place: string;
}

/** Seats of the kecamatan of Kabupaten Bengkalis (14.03), by kecamatan code. */
const KECAMATAN_SEATS: Record<string, Omit<VillageLocation, 'basis'>> = {
  '14.03.01': { place: 'Bengkalis', latitude: 1.4897, longitude: 102.0797 },
  '14.03.02': { place: 'Selatbaru', latitude: 1.58, longitude: 102.26 },
  '14.03.03': { place: 'Sungai Pakning', latitude: 1.34, longitude: 102.16 },
  '14.03.09': { place: 'Duri', latitude: 1.2667, longitude: 101.2 },
  '14.03.10': { place: 'Batu Panjang', latitude: 1.77, longitude: 101.44 },
  '14.03.11': { place: 'Tanjung Medang', latitude: 2.09, longitude: 101.64 },
  '14.03.12': { place: 'Lubuk Muda', latitude: 1.25, longitude: 101.97 },
  '14.03.13': { place: 'Pinggir', latitude: 1.03, longitude: 101.23 },
  '14.03.14': { place: 'Parit I/II Api-Api', latitude: 1.53, longitude: 101.93 },
  '14.03.15': { place: 'Koto Pait Beringin', latitude: 1.13, longitude: 101.0 },
  '14.03.16': { place: 'Sebangar', latitude: 1.33, longitude: 101.25 },
};

/** The village's location, or null where none is known (then no photo is judged by distance). */
export function villageLocationOf(villageCode: string): VillageLocation | null {
  const seat = KECAMATAN_SEATS[villageCode.split('.').slice(0, 3).join('.')];
  return seat ? { ...seat, basis: 'KECAMATAN_SEAT' } : null;
}
