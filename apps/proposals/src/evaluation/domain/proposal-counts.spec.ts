import { countProposals } from './proposal-counts';

describe('the pilot evaluation’s proposal counts', () => {
  it('counts each group apart: approved however far funding went, returned if ever, rejected', () => {
    const inPilot = (villageCode: string) => villageCode.startsWith('14.03.09.');

    const groups = countProposals(
      [
        { villageCode: '14.03.09.1004', status: 'FUNDING', returnedOnce: true },
        { villageCode: '14.03.09.1001', status: 'REJECTED', returnedOnce: false },
        { villageCode: '14.03.09.1001', status: 'IN_REVIEW', returnedOnce: true },
        { villageCode: '14.03.01.2001', status: 'COMPLETED', returnedOnce: false },
      ],
      inPilot,
    );

    expect(groups).toEqual([
      { group: 'PILOT', submitted: 3, approved: 1, returned: 2, rejected: 1 },
      { group: 'OTHERS', submitted: 1, approved: 1, returned: 0, rejected: 0 },
    ]);
  });
});
