import { Actor } from '@alur/contracts';
import { DecidedStage, stageAlreadyDecidedBy } from './separation-of-stages';

const person = (username: string, role: string, regionCode = '14.03'): Actor => ({ userId: `id-${username}`, username, role, regionCode });
const camat = person('camat', 'CAMAT', '14.03.09');
const sekda = person('sekda', 'SEKDA');
const lurah = person('lurah', 'LURAH', '14.03.09.1004');
const decided: DecidedStage[] = [
  { stageOrder: 1, role: 'LURAH', decidedBy: lurah },
  { stageOrder: 2, role: 'CAMAT', decidedBy: camat },
];

describe('nobody decides two stages of one submission', () => {
  it('finds the stage a Camat decided in person when it comes back as Plt Sekda', () => {
    const camatAsPltSekda: Actor = { ...camat, actingFor: sekda };
    expect(stageAlreadyDecidedBy(camatAsPltSekda, decided)).toMatchObject({ stageOrder: 2, role: 'CAMAT' });
  });

  it('finds a stage decided as acting official when the same person comes back in person', () => {
    const sekdaActingForCamat: DecidedStage = { stageOrder: 2, role: 'CAMAT', decidedBy: { ...sekda, actingFor: camat } };
    expect(stageAlreadyDecidedBy(sekda, [decided[0], sekdaActingForCamat])).toMatchObject({ stageOrder: 2 });
  });

  it('finds a stage decided in the name of the official the caller now acts for', () => {
    const plt = person('plt', 'DINAS');
    expect(stageAlreadyDecidedBy({ ...plt, actingFor: camat }, decided)).toMatchObject({ stageOrder: 2 });
  });

  it('lets a new official decide, in person or acting for someone who decided nothing yet', () => {
    expect(stageAlreadyDecidedBy(sekda, decided)).toBeUndefined();
    expect(stageAlreadyDecidedBy({ ...person('dinas', 'DINAS'), actingFor: sekda }, decided)).toBeUndefined();
    expect(stageAlreadyDecidedBy(camat, [])).toBeUndefined();
  });
});
