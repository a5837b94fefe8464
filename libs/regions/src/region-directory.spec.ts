import { Test } from '@nestjs/testing';
import { DEMO_REGENCY_CODE } from './demo-regency.constant';
import { CsvVillageRows } from './idn-area-data.source';
import { RegionDirectory } from './region-directory';
import { RegionsModule } from './regions.module';
import { UnknownRegionError } from './unknown-region.error';

const MANDAU = '14.03.09';
const PINGGIR = '14.03.13';
const BALIK_ALAM = '14.03.09.1004';

describe('RegionDirectory (official idn-area-data lists)', () => {
  const regions = RegionDirectory.shared();

  it('loads every village in Indonesia', () => {
    expect(regions.count('village')).toBeGreaterThan(80_000);
    expect(regions.count('district')).toBeGreaterThan(7_000);
    expect(regions.count('regency')).toBeGreaterThan(500);
    expect(regions.provinces().map((p) => p.code)).toContain('14');
  });

  it('finds Kabupaten Bengkalis with its 11 kecamatan and 155 villages', () => {
    expect(regions.get(DEMO_REGENCY_CODE)).toMatchObject({ name: 'KABUPATEN BENGKALIS', level: 'regency', parentCode: '14' });
    const districts = regions.childrenOf(DEMO_REGENCY_CODE);
    expect(districts).toHaveLength(11);
    expect(districts.map((d) => d.name)).toEqual(expect.arrayContaining(['Mandau', 'Pinggir']));
    expect(regions.get(PINGGIR)?.name).toBe('Pinggir');
    const villages = regions.villagesOf(DEMO_REGENCY_CODE);
    expect(villages).toHaveLength(155);
    expect(villages.every((v) => v.level === 'village' && v.code.startsWith('14.03.'))).toBe(true);
    expect(villages.filter((v) => v.villageKind === 'KELURAHAN')).toHaveLength(19);
    expect(villages.filter((v) => v.villageKind === 'DESA')).toHaveLength(136);
  });

  it('knows Balik Alam as a kelurahan of Mandau in Bengkalis, Riau', () => {
    expect(regions.get(BALIK_ALAM)).toEqual({
      code: BALIK_ALAM,
      name: 'Balik Alam',
      level: 'village',
      parentCode: MANDAU,
      villageKind: 'KELURAHAN',
    });
    expect(regions.villageOf(BALIK_ALAM)?.code).toBe(BALIK_ALAM);
    expect(regions.districtOf(BALIK_ALAM)?.name).toBe('Mandau');
    expect(regions.regencyOf(BALIK_ALAM)?.code).toBe(DEMO_REGENCY_CODE);
    expect(regions.provinceOf(BALIK_ALAM)?.name).toBe('RIAU');
    expect(regions.levelOf(BALIK_ALAM)).toBe('village');
    expect(regions.villagesOf(MANDAU)).toContainEqual(regions.get(BALIK_ALAM));
  });

  it('tells a desa (.2xxx) from a kelurahan (.1xxx)', () => {
    const desa = regions.villagesOf(PINGGIR).find((v) => v.code.charAt(9) === '2');
    expect(desa?.villageKind).toBe('DESA');
    const kelurahan = regions.villagesOf(MANDAU).filter((v) => v.villageKind === 'KELURAHAN');
    expect(kelurahan.length).toBeGreaterThan(0);
    expect(kelurahan.every((v) => v.code.charAt(9) === '1')).toBe(true);
  });

  it('answers ancestors only upwards: a kecamatan has no village, a regency no kecamatan', () => {
    expect(regions.villageOf(MANDAU)).toBeUndefined();
    expect(regions.districtOf(MANDAU)?.code).toBe(MANDAU);
    expect(regions.districtOf(DEMO_REGENCY_CODE)).toBeUndefined();
    expect(regions.regencyOf(MANDAU)?.code).toBe(DEMO_REGENCY_CODE);
    expect(regions.childrenOf(BALIK_ALAM)).toEqual([]);
  });

  it('covers a village from itself, its kecamatan, its regency and its province', () => {
    expect(regions.covers(BALIK_ALAM, BALIK_ALAM)).toBe(true);
    expect(regions.covers(MANDAU, BALIK_ALAM)).toBe(true);
    expect(regions.covers(DEMO_REGENCY_CODE, BALIK_ALAM)).toBe(true);
    expect(regions.covers('14', BALIK_ALAM)).toBe(true);
  });

  it('does not cover a village from a neighbouring village, kecamatan or regency', () => {
    const otherMandauVillage = regions.villagesOf(MANDAU).find((v) => v.code !== BALIK_ALAM)!;
    const pinggirVillage = regions.villagesOf(PINGGIR)[0];
    const otherRegency = regions.childrenOf('14').find((r) => r.code !== DEMO_REGENCY_CODE)!;
    expect(regions.covers(otherMandauVillage.code, BALIK_ALAM)).toBe(false);
    expect(regions.covers(PINGGIR, BALIK_ALAM)).toBe(false);
    expect(regions.covers(MANDAU, pinggirVillage.code)).toBe(false);
    expect(regions.covers(otherRegency.code, BALIK_ALAM)).toBe(false);
    // A village does not cover its own kecamatan.
    expect(regions.covers(BALIK_ALAM, MANDAU)).toBe(false);
  });

  it('gives nothing for an unknown code, and getOrThrow names it', () => {
    for (const code of ['99.99.99.9999', '14.03.99', '14.3', '', 'Bengkalis']) {
      expect(regions.get(code)).toBeUndefined();
      expect(regions.levelOf(code)).toBeUndefined();
      expect(regions.regencyOf(code)).toBeUndefined();
      expect(regions.childrenOf(code)).toEqual([]);
      expect(regions.villagesOf(code)).toEqual([]);
      expect(regions.covers(code, BALIK_ALAM)).toBe(false);
      expect(regions.covers(DEMO_REGENCY_CODE, code)).toBe(false);
    }
    expect(() => regions.getOrThrow('14.03.99')).toThrow(UnknownRegionError);
    expect(() => regions.getOrThrow('14.03.99')).toThrow('Unknown region code "14.03.99"');
    expect(regions.getOrThrow(BALIK_ALAM).name).toBe('Balik Alam');
  });

  it('names a region as readers do: a village with its kecamatan, a kabupaten in small letters', () => {
    expect(regions.placeNameOf(BALIK_ALAM)).toBe('Balik Alam, Kec. Mandau');
    expect(regions.placeNameOf('14.03.09')).toBe('Kec. Mandau');
    expect(regions.placeNameOf(DEMO_REGENCY_CODE)).toBe('Kabupaten Bengkalis');
    expect(regions.placeNameOf('14.71')).toBe('Kota Pekanbaru');
    expect(regions.placeNameOf('31')).toBe('DKI Jakarta');
    expect(regions.placeNameOf('34')).toBe('Daerah Istimewa Yogyakarta');
    expect(regions.placeNameOf('14.03.99')).toBe('14.03.99');
  });

  it('keeps names with a literal double quote as the list writes them', () => {
    const village = regions.villagesOf('35.13.15').find((v) => v.name.includes('"'));
    expect(village?.name).toBe('Soka"an');
  });

  it('hands out frozen regions, so no caller can change the shared directory', () => {
    expect(Object.isFrozen(regions.get(BALIK_ALAM))).toBe(true);
    expect(Object.isFrozen(regions.childrenOf(DEMO_REGENCY_CODE))).toBe(true);
  });

  it('is provided once per process by RegionsModule', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [RegionsModule] }).compile();
    expect(moduleRef.get(RegionDirectory)).toBe(regions);
    await moduleRef.close();
  });
});

describe('RegionDirectory (data checks)', () => {
  const rows = () => ({
    province: [{ code: '14', parentCode: null, name: 'RIAU' }],
    regency: [{ code: '14.03', parentCode: '14', name: 'KABUPATEN BENGKALIS' }],
    district: [{ code: '14.03.09', parentCode: '14.03', name: 'Mandau' }],
    village: [{ code: '14.03.09.1004', parentCode: '14.03.09', name: 'Balik Alam' }],
  });

  it('builds from consistent rows', () => {
    expect(new RegionDirectory(rows()).villagesOf('14')).toHaveLength(1);
  });

  it('refuses a region whose parent is missing', () => {
    const data = rows();
    data.district = [];
    expect(() => new RegionDirectory(data)).toThrow('parent "14.03.09" of "14.03.09.1004" is missing');
  });

  it('refuses a code listed under another parent or in the wrong format', () => {
    const misplaced = rows();
    misplaced.village[0].parentCode = '14.03.10';
    expect(() => new RegionDirectory(misplaced)).toThrow('"14.03.09.1004" is listed under "14.03.10"');
    const malformed = rows();
    malformed.village[0].code = '14.03.09.104';
    expect(() => new RegionDirectory(malformed)).toThrow('"14.03.09.104" is not a village code');
  });

  it('refuses a village code that is neither kelurahan nor desa', () => {
    const data = rows();
    data.village[0].code = '14.03.09.9004';
    expect(() => new RegionDirectory(data)).toThrow('neither a kelurahan nor a desa');
  });
});

describe('CsvVillageRows (villages.csv read by kecamatan)', () => {
  const upper = {
    province: [{ code: '14', parentCode: null, name: 'RIAU' }],
    regency: [{ code: '14.03', parentCode: '14', name: 'KABUPATEN BENGKALIS' }],
    district: [
      { code: '14.03.09', parentCode: '14.03', name: 'Mandau' },
      { code: '14.03.13', parentCode: '14.03', name: 'Pinggir' },
    ],
  };
  const csv = (...lines: string[]) => ['code,district_code,name', ...lines].join('\r\n');

  it('gives each kecamatan its own villages, read only when asked for', () => {
    const villages = new CsvVillageRows(
      csv('14.03.09.1004,14.03.09,Balik Alam', '14.03.09.2005,14.03.09,Air Jamban', '14.03.13.2001,14.03.13,Soka"an', ''),
      'villages.csv',
    );
    const regions = new RegionDirectory({ ...upper, village: villages });

    expect(regions.count('village')).toBe(3);
    expect(regions.get('14.03.13.2001')).toEqual({
      code: '14.03.13.2001',
      name: 'Soka"an',
      level: 'village',
      parentCode: '14.03.13',
      villageKind: 'DESA',
    });
    expect(regions.childrenOf('14.03.09').map((v) => v.name)).toEqual(['Balik Alam', 'Air Jamban']);
    expect(regions.villagesOf('14.03')).toHaveLength(3);
    expect(regions.get('14.03.09.1004')).toBe(regions.childrenOf('14.03.09')[0]);
    expect(regions.get('14.03.09.1099')).toBeUndefined();
  });

  it('refuses a bad line when the file is read, not when its kecamatan is first asked for', () => {
    expect(() => new CsvVillageRows(csv('14.03.09.1004,14.03.09,Balik Alam', '14.03.09.104,14.03.09,Air Jamban'), 'villages.csv')).toThrow(
      '"14.03.09.104" is not a village code',
    );
    expect(() => new CsvVillageRows(csv('14.03.09.1004,14.03.09,'), 'villages.csv')).toThrow('line 2: malformed row');
    expect(() => new CsvVillageRows(csv('14.03.09.9004,14.03.09,Balik Alam'), 'villages.csv')).toThrow('neither a kelurahan nor a desa');
    expect(() => new CsvVillageRows(csv('14.03.13.2001,14.03.13,Soka"an', '14.03.09.1004,14.03.09,Balik Alam'), 'villages.csv')).toThrow(
      'line 3: "14.03.09.1004" is not in code order',
    );
    expect(() => new CsvVillageRows('code,name\n14.03.09.1004,Balik Alam', 'villages.csv')).toThrow('expected header');
  });

  it('refuses villages of a kecamatan the list does not have', () => {
    const villages = new CsvVillageRows(csv('14.03.10.1001,14.03.10,Duri Barat'), 'villages.csv');
    expect(() => new RegionDirectory({ ...upper, village: villages })).toThrow('parent "14.03.10" of "14.03.10.1001" is missing');
  });
});
