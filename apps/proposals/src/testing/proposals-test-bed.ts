import { AuditTrail } from '@alur/audit';
import { Actor } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder, OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { as, InMemoryTransactions, RecordingAuditTrail, RecordingOutbox } from '@alur/testing';
import { ProgrammeDraftInput } from '../programmes/domain/programme-rules';
import { draftVersionOf, ProgrammeVersion } from '../programmes/domain/programme-version';
import { CreateProgrammeDraftUseCase } from '../programmes/use-cases/create-programme-draft.use-case';
import { PublishProgrammeVersionUseCase } from '../programmes/use-cases/publish-programme-version.use-case';
import { ProposalStatus } from '../proposals/domain/proposal-status';
import { CreateProposalCommand } from '../proposals/proposal-commands';
import { ProposalAccess } from '../proposals/proposal-access.service';
import { ProposalHistory } from '../proposals/proposal-history.service';
import { CreateProposalUseCase } from '../proposals/use-cases/create-proposal.use-case';
import { SubmitProposalUseCase } from '../proposals/use-cases/submit-proposal.use-case';
import { UpdateProposalUseCase } from '../proposals/use-cases/update-proposal.use-case';
import { WithdrawProposalUseCase } from '../proposals/use-cases/withdraw-proposal.use-case';
import { demoProgrammes } from '../seed/demo-programmes';
import { InMemoryProgrammes, InMemoryProposals } from './in-memory-repositories';

/**
 * What the proposals use cases' unit tests share: a small slice of Kabupaten Bengkalis, the demo
 * programmes, the people who act, and the use cases wired to in-memory repositories.
 */

/** Balik Alam, a kelurahan of kecamatan Mandau. */
export const BALIK_ALAM = '14.03.09.1004';
/** Another kelurahan of Mandau. */
export const AIR_JAMBAN = '14.03.09.1001';
/** A desa of kecamatan Bengkalis, outside the BK-DESA pilot (Mandau and Pinggir). */
export const OUTSIDE_PILOT_VILLAGE = '14.03.01.2001';

export const regions = new RegionDirectory({
  province: [{ code: '14', parentCode: null, name: 'RIAU' }],
  regency: [{ code: '14.03', parentCode: '14', name: 'KABUPATEN BENGKALIS' }],
  district: [
    { code: '14.03.01', parentCode: '14.03', name: 'Bengkalis' },
    { code: '14.03.09', parentCode: '14.03', name: 'Mandau' },
    { code: '14.03.13', parentCode: '14.03', name: 'Pinggir' },
  ],
  village: [
    { code: AIR_JAMBAN, parentCode: '14.03.09', name: 'Air Jamban' },
    { code: BALIK_ALAM, parentCode: '14.03.09', name: 'Balik Alam' },
    { code: OUTSIDE_PILOT_VILLAGE, parentCode: '14.03.01', name: 'Kelapapati' },
  ],
});

/** The BKM of a village: writes that village's proposals. */
export const bkmOf = (villageCode: string): Actor => ({
  userId: `user-bkm-${villageCode}`,
  username: `bkm.${villageCode}`,
  role: 'BKM',
  regionCode: villageCode,
});
export const BKM = bkmOf(BALIK_ALAM);
/** Balik Alam's lurah: sees its proposals, but does not write them. */
export const LURAH: Actor = { userId: 'user-lurah', username: `lurah.${BALIK_ALAM}`, role: 'LURAH', regionCode: BALIK_ALAM };
/** The regency's administrator: drafts and publishes programmes. */
export const ADMIN: Actor = { userId: 'user-admin', username: 'admin', role: 'ADMIN', regionCode: '14.03' };

const FISCAL_YEAR = 2026;
/** The demo programmes as an admin drafts them. */
export const [KOTAKU_DRAFT, BK_DESA_DRAFT] = demoProgrammes(FISCAL_YEAR);
/** KOTAKU: open to every village, asking at least 5% swadaya, at most Rp 500,000,000 requested. */
export const KOTAKU = KOTAKU_DRAFT.code;
/** BK-DESA: piloted in Mandau and Pinggir only. */
export const BK_DESA = BK_DESA_DRAFT.code;

/** A programme version as stored once published, from the draft an admin wrote. */
function publishedVersion(draft: ProgrammeDraftInput): ProgrammeVersion {
  return {
    ...draftVersionOf(draft, 1, 'user-admin'),
    status: 'PUBLISHED',
    createdAt: new Date('2026-01-05T02:00:00Z'),
    publishedAt: new Date('2026-01-06T02:00:00Z'),
    publishedBy: 'user-admin',
  };
}

export const PUBLISHED_KOTAKU = publishedVersion(KOTAKU_DRAFT);
export const PUBLISHED_BK_DESA = publishedVersion(BK_DESA_DRAFT);

/** Another version of KOTAKU: published version 1 with what `changes` says. */
export const kotakuVersion = (changes: Partial<ProgrammeVersion>): ProgrammeVersion => ({ ...PUBLISHED_KOTAKU, ...changes });

/** The account Balik Alam's BKM has its grants paid into. */
export const BALIK_ALAM_ACCOUNT = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };

/** A complete KOTAKU draft: Rp 100,000,000 budget total, Rp 5,000,000 (5%) swadaya. */
export function kotakuDraft(overrides: Partial<CreateProposalCommand> = {}): CreateProposalCommand {
  return {
    programCode: KOTAKU,
    villageCode: BALIK_ALAM,
    title: 'Semenisasi Jalan Gang Damai',
    category: 'INFRASTRUCTURE',
    description: 'Semenisasi jalan lingkungan sepanjang 200 m di RT 03',
    executorGroup: 'KSM Maju Bersama',
    beneficiaries: { households: 120, poorHouseholds: 45 },
    budgetItems: [
      { description: 'Semen 50 kg', quantity: 500, unit: 'sak', unitPrice: 80_000 },
      { description: 'Pasir', quantity: 120.5, unit: 'm3', unitPrice: 400_000 },
      { description: 'Upah tukang', quantity: 1, unit: 'ls', unitPrice: 11_800_000 },
    ],
    selfHelpAmount: 5_000_000,
    payeeAccount: BALIK_ALAM_ACCOUNT,
    ...overrides,
  };
}

/** The proposals use cases over in-memory repositories, with the stores a test looks into. */
export function proposalsTestBed(programmeVersions: ProgrammeVersion[] = [PUBLISHED_KOTAKU, PUBLISHED_BK_DESA]) {
  const proposals = new InMemoryProposals();
  const programmes = new InMemoryProgrammes(programmeVersions);
  const audit = new RecordingAuditTrail();
  const outbox = new RecordingOutbox();
  const transactions = as<Transactions>(new InMemoryTransactions(proposals, programmes, audit, outbox));
  const auditTrail = as<AuditTrail>(audit);
  const access = new ProposalAccess(regions, proposals);
  const history = new ProposalHistory(proposals, auditTrail);
  return {
    proposals,
    programmes,
    audit,
    outbox,
    /** The collaborators as the use cases take them, for a test that wires one of its own. */
    wiring: { transactions, auditTrail, history, outbox: as<OutboxService>(outbox) },
    createProgrammeDraft: new CreateProgrammeDraftUseCase(transactions, programmes, regions, auditTrail),
    publishProgramme: new PublishProgrammeVersionUseCase(
      transactions,
      programmes,
      new ChangeRecorder(as<OutboxService>(outbox), auditTrail),
    ),
    create: new CreateProposalUseCase(transactions, proposals, programmes, regions, history),
    update: new UpdateProposalUseCase(transactions, proposals, access, history),
    submit: new SubmitProposalUseCase(transactions, proposals, programmes, access, regions, history, as<OutboxService>(outbox)),
    withdraw: new WithdrawProposalUseCase(transactions, proposals, access, history, as<OutboxService>(outbox)),
    /** Moves a proposal as the approvals or disbursements service's events would (review and funding are not the BKM's). */
    async moveTo(proposalId: string, status: ProposalStatus): Promise<void> {
      const proposal = proposals.stored(proposalId)!;
      await proposals.update(transactions.manager, proposalId, { status, version: proposal.version + 1, updatedAt: new Date() });
    },
    /** The kinds of a proposal's timeline entries with the status each moved it to, as its page shows them. */
    async timelineOf(proposalId: string): Promise<Array<[string, string | null]>> {
      return (await proposals.timeline(transactions.manager, proposalId)).map((entry) => [entry.kind, entry.toStatus]);
    },
  };
}
