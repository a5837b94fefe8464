import { MouseEvent, ReactNode, useState } from 'react';
import { fetchFile } from '../api/api-client';
import { saveFile } from '../lib/save-file';
import { ErrorSummary } from './error-summary';

/** A download of an export as the logged-in user (the API wants the bearer token, which a plain link does not send). */
export function DownloadLink({ href, fileName, children }: { href: string; fileName: string; children: ReactNode }) {
  const [error, setError] = useState<unknown>();
  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    try {
      saveFile(await fetchFile(href), fileName);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <a className="button secondary" href={href} download={fileName} onClick={(event) => void download(event)}>
        {children}
      </a>
      <ErrorSummary error={error} />
    </>
  );
}
