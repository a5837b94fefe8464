import { englishCount } from '@alur/contracts';
import { useI18n } from './i18n';

/**
 * The texts of the officials' review aids (what changed since the last submission, the acting
 * official's panel, the reject warning, what waits next once they decided) and of upload progress,
 * Indonesian first. Kept apart from messages.ts so that the shared file stays small for the pages
 * that do not show them.
 */
const id = {
  changesTitle: (n: number) => `Perubahan sejak pengajuan ke-${n}`,
  changesIntro: 'Usulan ini diajukan kembali setelah dikembalikan untuk perbaikan. Yang berubah dari pengajuan sebelumnya:',
  noChanges: 'Isi usulan sama dengan pengajuan sebelumnya.',
  before: 'Sebelumnya',
  after: 'Sekarang',
  field: 'Isian',
  fields: {
    title: 'Judul',
    category: 'Kategori',
    description: 'Uraian kegiatan',
    executorGroup: 'KSM pelaksana',
    beneficiaries: 'Penerima manfaat',
    budgetTotal: 'Total RAB',
    selfHelpAmount: 'Swadaya masyarakat',
    requestedAmount: 'Dana yang diminta',
  } as Record<string, string>,
  rabChanges: 'Baris RAB',
  rabAdded: 'Ditambahkan',
  rabRemoved: 'Dihapus',
  rabChanged: 'Diubah',
  documentsAdded: 'Dokumen ditambahkan',
  documentsRemoved: 'Dokumen dihapus',
  payeeAccountChanged: 'Rekening penerima hibah berubah: pastikan rekening yang baru atas nama BKM sendiri.',
  actingAs: (role: string, region: string) => `sebagai Plt ${role} ${region}`.trim(),
  actingNote: (name: string) => `Keputusan Anda dicatat sebagai keputusan pelaksana tugas atas nama ${name}.`,
  rejectConsequence:
    'Usulan yang ditolak berhenti di sini: tidak bisa diperbaiki atau diajukan kembali, BKM harus membuat usulan baru. Keputusan ini tidak bisa dibatalkan.',
  stillWaiting: (n: number, searched: boolean) =>
    searched
      ? `${n} usulan lain yang cocok dengan pencarian Anda masih menunggu keputusan.`
      : `${n} usulan lain masih menunggu keputusan Anda.`,
  nextWaiting: 'Berikutnya',
  openNext: 'Buka usulan berikutnya',
  nothingLeft: (searched: boolean): string =>
    searched ? 'Tidak ada lagi usulan yang cocok dengan pencarian Anda.' : 'Tidak ada lagi usulan yang menunggu keputusan Anda.',
  backToInbox: 'Kembali ke kotak masuk',
  uploadingFile: (name: string, percent: number) => `Mengunggah ${name}: ${percent}%`,
  preparingPhoto: (name: string) => `Memperkecil foto ${name} sebelum diunggah…`,
};

export type OfficialsMessages = typeof id;

const en: OfficialsMessages = {
  changesTitle: (n: number) => `Changes since submission ${n}`,
  changesIntro: 'This proposal was submitted again after being returned for revision. What changed from the previous submission:',
  noChanges: 'The proposal is the same as in the previous submission.',
  before: 'Before',
  after: 'Now',
  field: 'Field',
  fields: {
    title: 'Title',
    category: 'Category',
    description: 'Description',
    executorGroup: 'Executing group (KSM)',
    beneficiaries: 'Beneficiaries',
    budgetTotal: 'RAB total',
    selfHelpAmount: 'Community contribution (swadaya)',
    requestedAmount: 'Amount requested',
  },
  rabChanges: 'RAB lines',
  rabAdded: 'Added',
  rabRemoved: 'Removed',
  rabChanged: 'Changed',
  documentsAdded: 'Documents added',
  documentsRemoved: 'Documents removed',
  payeeAccountChanged: 'The grant payee account changed: make sure the new one is the BKM’s own account.',
  actingAs: (role: string, region: string) => `as acting ${role} ${region}`.trim(),
  actingNote: (name: string) => `Your decision is recorded as taken in place of ${name}.`,
  rejectConsequence:
    'A rejected proposal ends here: it cannot be revised or submitted again, the BKM has to write a new proposal. This decision cannot be undone.',
  stillWaiting: (n: number, searched: boolean) =>
    `${englishCount(n, 'more proposal')}${searched ? ' matching your search' : ''} ${n === 1 ? 'waits' : 'wait'} for your decision.`,
  nextWaiting: 'Next',
  openNext: 'Open the next proposal',
  nothingLeft: (searched: boolean) =>
    searched ? 'No other proposal matching your search waits for your decision.' : 'Nothing else waits for your decision.',
  backToInbox: 'Back to the inbox',
  uploadingFile: (name: string, percent: number) => `Uploading ${name}: ${percent}%`,
  preparingPhoto: (name: string) => `Making photo ${name} smaller before upload…`,
};

/** These texts in the reader's language, beside the shared ones. */
export function useOfficialsTexts(): OfficialsMessages {
  return useI18n().language === 'en' ? en : id;
}
