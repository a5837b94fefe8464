import type { ReleasesClosingView } from '@alur/contracts';
import { ReleasesClosing } from './domain/releases-closing';

/** A fiscal year's closing for releases as callers see it (the contracts' ReleasesClosingView). */
export type { ReleasesClosingView };

export function releasesClosingView(closing: ReleasesClosing, now = new Date()): ReleasesClosingView {
  return {
    regencyCode: closing.regencyCode,
    fiscalYear: closing.fiscalYear,
    releasesCloseAt: closing.releasesCloseAt.toISOString(),
    isDefault: closing.isDefault,
    closed: now >= closing.releasesCloseAt,
  };
}
