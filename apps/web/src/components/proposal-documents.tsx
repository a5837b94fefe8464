import { ChangeEvent, useState } from 'react';
import { fetchFile, uploadFile } from '../api/api-client';
import { uploadContentOf, useActionKeys } from '../lib/action-key';
import type { ProposalDocument, ProposalDocumentKind } from '@alur/contracts';
import { useI18n } from '../i18n/i18n';
import { useOfficialsTexts } from '../i18n/officials-messages';
import { errorMessageOf } from '../i18n/server-errors';
import { shrinkPhoto } from '../lib/shrink-photo';
import { reasonOf } from './error-summary';
import { Field } from './field';
import { UploadProgress } from './upload-progress';

/** The kinds a BKM attaches from the console, in the order offered. */
const OFFERED_KINDS: readonly ProposalDocumentKind[] = ['DED', 'RAB', 'SITE_PHOTO', 'OTHER'];

/** Opens an uploaded document in a new tab: the file needs the caller's token, so it is fetched first. */
async function openDocument(document: ProposalDocument): Promise<void> {
  const url = URL.createObjectURL(await fetchFile(document.url));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The documents of a proposal, each openable. */
export function DocumentList({ documents }: { documents: ProposalDocument[] }) {
  const { t } = useI18n();
  if (documents.length === 0) return <p>{t.noDocuments}</p>;
  return (
    <ul className="documents" data-testid="documents">
      {documents.map((document) => (
        <li key={document.url}>
          <span className="document-kind">{t.documentKinds[document.kind]}</span> {document.name}{' '}
          <button type="button" className="button link" onClick={() => void openDocument(document)}>
            {t.openDocument}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Attaching documents while writing a proposal: each file is uploaded as soon as it is chosen, with its
 * progress shown. A site photo is made smaller on the phone first; drawings (DED) and sheets are sent as
 * they are, since their detail is what they are for.
 */
export function DocumentsEditor({ documents, onChange }: { documents: ProposalDocument[]; onChange(next: ProposalDocument[]): void }) {
  const { t } = useI18n();
  const texts = useOfficialsTexts();
  const [kind, setKind] = useState<ProposalDocumentKind>('DED');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ name: string; sent: number; preparing?: boolean } | null>(null);
  const [error, setError] = useState<unknown>();
  // The same file chosen again after a failed upload is kept once (see ActionKeys).
  const keys = useActionKeys();

  const attach = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const chosen = Array.from(input.files ?? []);
    setBusy(true);
    setError(undefined);
    try {
      const added: ProposalDocument[] = [];
      for (const chosenFile of chosen) {
        setProgress({ name: chosenFile.name, sent: 0, preparing: kind === 'SITE_PHOTO' });
        const file = kind === 'SITE_PHOTO' ? await shrinkPhoto(chosenFile) : chosenFile;
        setProgress({ name: file.name, sent: 0 });
        const content = uploadContentOf('documents', file, file.name);
        const uploaded = await uploadFile<{ url: string; name: string }>(
          'documents',
          file,
          file.name,
          (sent) => setProgress({ name: file.name, sent }),
          keys.keyFor(content),
        );
        added.push({ url: uploaded.url, name: uploaded.name, kind });
      }
      onChange([...documents, ...added]);
      // Attached: choosing the same file again now attaches it again. Until then, a failed batch chosen again sends each file under its key.
      keys.succeeded();
    } catch (e) {
      setError(e);
    } finally {
      input.value = '';
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <fieldset className="documents-editor">
      <legend>{t.documents}</legend>
      {documents.length > 0 && (
        <ul className="documents">
          {documents.map((document) => (
            <li key={document.url}>
              <span className="document-kind">{t.documentKinds[document.kind]}</span> {document.name}{' '}
              <button type="button" className="button link" onClick={() => onChange(documents.filter((d) => d.url !== document.url))}>
                {t.removeDocument(document.name)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field id="documentKind" label={t.documentKind}>
        <select value={kind} onChange={(e) => setKind(e.target.value as ProposalDocumentKind)}>
          {OFFERED_KINDS.map((k) => (
            <option key={k} value={k}>
              {t.documentKinds[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="documentFile" label={t.attachDocument} error={reasonOf(error, 'file') ?? (error ? errorMessageOf(error, t) : undefined)}>
        <input type="file" accept="application/pdf,image/jpeg,image/png" multiple disabled={busy} onChange={(e) => void attach(e)} />
      </Field>
      {busy && <p role="status">{progress?.preparing ? texts.preparingPhoto(progress.name) : t.uploading}</p>}
      {progress && !progress.preparing && <UploadProgress name={progress.name} sent={progress.sent} />}
    </fieldset>
  );
}
