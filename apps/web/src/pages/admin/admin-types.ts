import type { Role } from '@alur/contracts';

/** The API's answers the administration pages read (gateway: users, programmes, approvals, notifications). */
export interface UserAccount {
  id: string;
  username: string;
  role: Role;
  regionCode: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
}

export interface ProgrammeSummary {
  code: string;
  latest: (Record<string, unknown> & { name: string; fiscalYear: number; maxRequestedAmount: number; minSelfHelpShareBp: number; version: number }) | null;
  versions: Array<{ version: number; status: 'DRAFT' | 'PUBLISHED'; createdAt: string; publishedAt: string | null }>;
}

export interface ActingAppointment {
  id: string;
  acting: { userId: string; username: string };
  actingFor: { userId: string; username: string; role: string; regionCode: string };
  validFrom: string;
  validUntil: string;
  active: boolean;
}

export interface Holiday {
  date: string;
  name: string;
}

export interface Delivery {
  id: string;
  recipient: { userId: string; username: string | null };
  channel: string;
  kind: string;
  address: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export const ALL_ROLES: readonly Role[] = ['BKM', 'LURAH', 'CAMAT', 'VERIFIKATOR', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN'];
