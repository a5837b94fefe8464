import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

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
