import { useI18n } from '../i18n/i18n';

/** A search form's buttons: search, and, once the list is narrowed at all, clear the search and every filter. */
export function SearchActions({ filtered, onClear }: { filtered: boolean; onClear(): void }) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="submit" className="button primary">
        {t.search}
      </button>
      {filtered && (
        <button type="button" className="button secondary" onClick={onClear}>
          {t.clearFilters}
        </button>
      )}
    </div>
  );
}
