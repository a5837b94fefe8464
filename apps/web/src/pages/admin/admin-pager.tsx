import { useI18n } from '../../i18n/i18n';

/** Previous/next through a list paged in the page's own state (not the address), with where one is. */
export function AdminPager({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t.pages}>
      <button type="button" className="button secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t.previousPage}
      </button>
      <span>{t.pageOf(page, pages)}</span>
      <button type="button" className="button secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t.nextPage}
      </button>
    </nav>
  );
}
