import { MouseEvent, ReactNode, useState } from 'react';
import { fetchFile } from '../api/api-client';
import { saveFile } from '../lib/save-file';
import { ErrorSummary } from './error-summary';

/**
 * A download of an export as the logged-in user (the API wants the bearer token, which a plain link does not send),
 * saved under the name the gateway gives it: dated in the regency's day, as the gateway's clock and zone say.
 */
export function DownloadLink({ href, children }: { href: string; children: ReactNode }) {
  const [error, setError] = useState<unknown>();
  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    try {
      const file = await fetchFile(href);
      saveFile(file, file.name || 'unduhan');
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <a className="button secondary" href={href} download onClick={(event) => void download(event)}>
        {children}
      </a>
      <ErrorSummary error={error} />
    </>
  );
}
