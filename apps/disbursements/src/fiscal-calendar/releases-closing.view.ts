import { ReleasesClosing } from './fiscal-calendar.service';

/** A fiscal year's closing for releases as callers see it. */
export interface ReleasesClosingView {
  regencyCode: string;
  fiscalYear: number;
  releasesCloseAt: string;
  isDefault: boolean;
  closed: boolean;
}

export function releasesClosingView(closing: ReleasesClosing, now = new Date()): ReleasesClosingView {
  return {
    regencyCode: closing.regencyCode,
    fiscalYear: closing.fiscalYear,
    releasesCloseAt: closing.releasesCloseAt.toISOString(),
    isDefault: closing.isDefault,
    closed: now >= closing.releasesCloseAt,
  };
}
