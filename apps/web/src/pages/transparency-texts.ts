import { englishCount } from '@alur/contracts';
import { useI18n } from '../i18n/i18n';

/** The public page's own texts, Indonesian first; loaded with the page (a lazy route), not with the first visit. */
const id = {
  search: 'Cari usulan',
  searchHint: 'Judul usulan atau nama desa/kelurahan',
  searchButton: 'Cari',
  clear: 'Hapus pencarian',
  found: (n: number) => `${n} usulan ditemukan`,
  mapTitle: 'Sebaran desa/kelurahan penerima dana',
  seatMapTitle: 'Peta ibu kota kecamatan; titik hijau: kecamatan dengan usulan didanai',
  mapIntro:
    'Di bawah ini denah skematis, bukan peta berskala: satu kotak per desa/kelurahan di kecamatan yang menerima dana; kotak berwarna menunjukkan desa/kelurahan dengan usulan yang didanai. Pilih kotak untuk melihat usulannya.',
  funded: (n: number) => `${n} usulan didanai`,
  notFunded: 'belum ada usulan didanai',
  showProgress: 'Lihat kemajuan dan foto',
  hideProgress: 'Tutup kemajuan',
  progressOf: (title: string) => `Kemajuan pekerjaan: ${title}`,
  noReports: 'Belum ada laporan kemajuan yang diverifikasi.',
  verifiedPercent: (n: number) => `${n}% terverifikasi`,
  reportedAt: (at: string) => `Dilaporkan ${at}`,
  verifiedAt: (at: string) => `diverifikasi ${at}`,
  finalReport: 'Laporan akhir (LPJ)',
  photoOf: (n: number, title: string) => `Foto ${n} pekerjaan ${title}`,
};

type TransparencyTexts = typeof id;

const en: TransparencyTexts = {
  search: 'Search proposals',
  searchHint: 'Proposal title or village name',
  searchButton: 'Search',
  clear: 'Clear the search',
  found: (n) => `${englishCount(n, 'proposal')} found`,
  mapTitle: 'Villages receiving funds',
  seatMapTitle: 'Map of the kecamatan seats; green dots: kecamatan with funded proposals',
  mapIntro:
    'Below, a schematic plan, not a map to scale: one square per village of the kecamatan that receive funds; a coloured square is a village with funded proposals. Choose a square to see its proposals.',
  funded: (n) => englishCount(n, 'funded proposal'),
  notFunded: 'no funded proposal yet',
  showProgress: 'Show progress and photos',
  hideProgress: 'Close progress',
  progressOf: (title) => `Progress of the works: ${title}`,
  noReports: 'No verified progress report yet.',
  verifiedPercent: (n) => `${n}% verified`,
  reportedAt: (at) => `Reported ${at}`,
  verifiedAt: (at) => `verified ${at}`,
  finalReport: 'Final report (LPJ)',
  photoOf: (n, title) => `Photo ${n} of the works ${title}`,
};

export function useTransparencyTexts(): TransparencyTexts {
  return useI18n().language === 'en' ? en : id;
}
