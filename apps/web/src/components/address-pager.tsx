import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { addressPageOf, setAddressPage } from '../lib/address-page';

/**
 * Previous/next through a list paged in the address (`?halaman=2`), so the back button, a reload and
 * a shared link keep the page; where one is between them. Nothing when the list fits one page.
 */
export function AddressPager({ page, pages, hrefOf }: { page: number; pages: number; hrefOf(page: number): string }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t.pages}>
      {page > 1 && (
        <Link className="button secondary" to={hrefOf(page - 1)} rel="prev">
          {t.previousPage}
        </Link>
      )}
      <span>{t.pageOf(page, pages)}</span>
      {page < pages && (
        <Link className="button secondary" to={hrefOf(page + 1)} rel="next">
          {t.nextPage}
        </Link>
      )}
    </nav>
  );
}

/** How many pages a paged answer's list fills: at least one, the empty list's (one too while nothing has come). */
export function pageCountOf(answer: { pageSize: number; total: number } | undefined): number {
  return answer ? Math.max(1, Math.ceil(answer.total / answer.pageSize)) : 1;
}

/**
 * When the address names a page past the list's end (what was on it was decided or released meanwhile,
 * or an old link), shows the last page instead of an empty one that reads as "nothing here". Judged
 * only on the answer for the page the address names: one for another page may still be on screen.
 * Answers the list's page count (pageCountOf).
 */
export function usePageWithinList(answer: { page: number; pageSize: number; total: number } | undefined): number {
  const [params, setParams] = useSearchParams();
  const pages = pageCountOf(answer);
  const beyond = answer !== undefined && answer.page === addressPageOf(params) && answer.page > pages;
  useEffect(() => {
    if (beyond) setParams(setAddressPage(new URLSearchParams(params), pages), { replace: true });
  }, [beyond, pages, params, setParams]);
  return pages;
}
