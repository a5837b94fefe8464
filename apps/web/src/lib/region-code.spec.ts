import { districtCodeOf, levelOfCode, regencyCodeOf } from './region-code';

describe('Kemendagri codes read by their parts', () => {
  it('names the level, the kecamatan and the kabupaten a code lies in', () => {
    expect(['14.03', '14.03.09', '14.03.09.1004', '14', ''].map(levelOfCode)).toEqual([
      'regency',
      'district',
      'village',
      undefined,
      undefined,
    ]);
    expect(['14.03.09.1004', '14.03.09', '14.03'].map(districtCodeOf)).toEqual(['14.03.09', '14.03.09', '']);
    expect(['14.03.09.1004', '14.03'].map(regencyCodeOf)).toEqual(['14.03', '14.03']);
  });
});
