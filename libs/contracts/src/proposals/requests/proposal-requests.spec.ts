import { CreateProposal } from './create-proposal.request';
import { ListProposals } from './list-proposals.request';
import { UpdateProposal } from './update-proposal.request';

const line = (quantity: unknown, unitPrice: unknown = 80_000) => ({ description: 'Semen', quantity, unit: 'sak', unitPrice });
const draft = (budgetItems: unknown[]) => ({ programCode: 'KOTAKU-2026', villageCode: '14.03.09.1004', title: 'Jalan', budgetItems });
const refusals = (input: unknown) => {
  const parsed = CreateProposal.request.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => [issue.path.join('.'), issue.code === 'custom' ? issue.params?.code : issue.code]);
};

describe('proposal requests', () => {
  it('takes a quantity from 0.01 with at most two decimals, judged by its value even when written with an exponent', () => {
    expect(refusals(draft([line(12.5), line(0.01), line(0.29), line(1_000_000_000)]))).toEqual([]);
    expect(refusals(draft([line(1e-7), line(0), line(-1), line(1.005), line(1e21), line('12')]))).toEqual([
      ['budgetItems.0.quantity', 'too_small'],
      ['budgetItems.1.quantity', 'too_small'],
      ['budgetItems.2.quantity', 'too_small'],
      ['budgetItems.3.quantity', 'too_many_decimals'],
      ['budgetItems.4.quantity', 'too_big'],
      ['budgetItems.5.quantity', 'invalid_type'],
    ]);
  });

  it('takes whole rupiah only, and no budget whose total JSON cannot carry exactly', () => {
    expect(refusals(draft([line(1, 80_000.5), line(1, -1)]))).toEqual([
      ['budgetItems.0.unitPrice', 'invalid_type'],
      ['budgetItems.1.unitPrice', 'too_small'],
    ]);
    expect(refusals(draft([line(1_000_000_000, Number.MAX_SAFE_INTEGER)]))).toEqual([['budgetItems', 'too_big']]);
  });

  it('refuses a blank title or line as required (what the form says), and a long one as too big', () => {
    expect(refusals({ ...draft([{ ...line(1), description: ' ', unit: 'x'.repeat(51) }]), title: '   ' })).toEqual([
      ['title', 'required'],
      ['budgetItems.0.description', 'required'],
      ['budgetItems.0.unit', 'too_big'],
    ]);
  });

  it('refuses fields it does not know, at any depth', () => {
    expect(refusals({ ...draft([{ ...line(1), amount: 80_000 }]), budgetTotal: 1 }).map(([, code]) => code)).toEqual([
      'unrecognized_keys',
      'unrecognized_keys',
    ]);
  });

  it('parses its own output to the same value (the service parses what the gateway sent)', () => {
    const edit = {
      id: '0b9f6c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d',
      version: 2,
      title: '  Jalan  ',
      budgetItems: [line(12.5)],
      beneficiaries: null,
    };
    const once = UpdateProposal.request.parse(edit);
    expect(UpdateProposal.request.parse(once)).toEqual(once);
    const query = ListProposals.request.parse({ page: '2', status: 'DRAFT' });
    expect(query).toEqual({ page: 2, pageSize: 20, status: 'DRAFT' });
    expect(ListProposals.request.parse(query)).toEqual(query);
  });
});
