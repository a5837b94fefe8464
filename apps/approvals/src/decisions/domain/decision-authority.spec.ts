import { Actor } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { ActiveAppointment, decisionAuthority, StageScope } from './decision-authority';

const regions = RegionDirectory.shared();
const covers = (region: string, village: string) => regions.covers(region, village);
const BALIK_ALAM = '14.03.09.1004';
const MANDAU = '14.03.09';
const actor = (username: string, role: string, regionCode: string): Actor => ({ userId: `id-${username}`, username, role, regionCode });
const lurahStage: StageScope = { role: 'LURAH', regionCode: BALIK_ALAM, villageCode: BALIK_ALAM };
const camatStage: StageScope = { role: 'CAMAT', regionCode: MANDAU, villageCode: BALIK_ALAM };
const otherVillage = regions.villagesOf(MANDAU).find((v) => v.code !== BALIK_ALAM)!.code;
const otherDistrict = regions.childrenOf('14.03').find((d) => d.code !== MANDAU)!.code;

describe('who may decide an approval stage', () => {
  it('lets the official of the stage’s role and region decide as themself', () => {
    const lurah = actor('lurah', 'LURAH', BALIK_ALAM);
    expect(decisionAuthority(lurah, lurahStage, [], covers)).toEqual({ kind: 'own', decidedBy: lurah });
    expect(decisionAuthority(actor('camat', 'CAMAT', MANDAU), camatStage, [], covers).kind).toBe('own');
  });

  it('hides the stage from officials of another village or kecamatan (404)', () => {
    expect(decisionAuthority(actor('lurah2', 'LURAH', otherVillage), lurahStage, [], covers)).toEqual({ kind: 'hidden' });
    expect(decisionAuthority(actor('camat2', 'CAMAT', otherDistrict), camatStage, [], covers)).toEqual({ kind: 'hidden' });
  });

  it('refuses a caller whose region covers the village but whose role is not the stage’s (403)', () => {
    expect(decisionAuthority(actor('bkm', 'BKM', BALIK_ALAM), lurahStage, [], covers)).toEqual({ kind: 'forbidden' });
    expect(decisionAuthority(actor('camat', 'CAMAT', MANDAU), lurahStage, [], covers)).toEqual({ kind: 'forbidden' });
    expect(decisionAuthority(actor('bupati', 'BUPATI', '14.03'), camatStage, [], covers)).toEqual({ kind: 'forbidden' });
  });

  it('lets a Plt/Plh decide for the official they act for, and says so', () => {
    const acting = actor('lurah2', 'LURAH', otherVillage);
    const appointment: ActiveAppointment = { forUserId: 'id-lurah', forUsername: 'lurah', role: 'LURAH', regionCode: BALIK_ALAM };
    expect(decisionAuthority(acting, lurahStage, [appointment], covers)).toEqual({
      kind: 'acting',
      decidedBy: { ...acting, actingFor: { userId: 'id-lurah', username: 'lurah', role: 'LURAH', regionCode: BALIK_ALAM } },
    });
  });

  it('gives an appointment for another role or region no power over the stage', () => {
    const acting = actor('lurah2', 'LURAH', otherVillage);
    const elsewhere: ActiveAppointment = { forUserId: 'x', forUsername: 'x', role: 'LURAH', regionCode: otherVillage };
    const camat: ActiveAppointment = { forUserId: 'y', forUsername: 'y', role: 'CAMAT', regionCode: MANDAU };
    expect(decisionAuthority(acting, lurahStage, [elsewhere, camat], covers)).toEqual({ kind: 'hidden' });
  });
});
