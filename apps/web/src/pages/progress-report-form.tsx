import { ChangeEvent, FormEvent, useEffect, useMemo, useState } from 'react';
import type { AnswerOf, ReportProgress, RequestInputOf } from '@alur/contracts';
import { api, uploadFile } from '../api/api-client';
import type { AsTyped } from '../api/types';
import { errorsFor, ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { UploadProgress } from '../components/upload-progress';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../auth/session';
import { deviceDrafts, useDeviceDraft } from '../lib/device-draft';
import { formatRupiah, parseRupiah, unreadableRupiah } from '../lib/rupiah';
import { shrinkPhoto } from '../lib/shrink-photo';
import { uploadContentOf, useActionKeys } from '../lib/action-key';
import { useOfficialsTexts } from '../i18n/officials-messages';

/**
 * What the BKM sends: the proposal is named in the path, and the photos go by reference only (the
 * gateway adds the EXIF capture of its own uploads).
 */
type ProgressReportInput = AsTyped<Omit<RequestInputOf<typeof ReportProgress>, 'proposalId' | 'photos'>> & {
  photos?: Array<Omit<NonNullable<RequestInputOf<typeof ReportProgress>['photos']>[number], 'capture'>>;
};

interface KeptReport {
  percent: string;
  spent: string;
  note: string;
  photoUrls: string;
}

/**
 * The BKM's progress report (physical %, money spent, note, photos). Photos chosen on the device are
 * previewed, uploaded when the report is sent, and referred to by the addresses the gateway gives
 * them; photos kept elsewhere can be given by their https addresses. `spendingLimit` is what may have
 * been spent so far (released plus swadaya), said before the BKM types a figure the service refuses.
 */
export function ProgressReportForm({ proposalId, spendingLimit, onSent }: { proposalId: string; spendingLimit: number; onSent(): void }) {
  const { t } = useI18n();
  const { user } = useSession();
  // The typed fields are kept on the device until the report is sent (chosen photos must be chosen again).
  const draftKey = user ? `progress.${user.id}.${proposalId}` : undefined;
  const [kept] = useState(() => (draftKey ? deviceDrafts.read<KeptReport>(draftKey) : undefined));
  const [percent, setPercent] = useState(kept?.percent ?? '');
  const [spent, setSpent] = useState(kept?.spent ?? '');
  const [note, setNote] = useState(kept?.note ?? '');
  const [photoUrls, setPhotoUrls] = useState(kept?.photoUrls ?? '');
  const keptNow = useMemo<KeptReport>(() => ({ percent, spent, note, photoUrls }), [percent, spent, note, photoUrls]);
  useDeviceDraft(draftKey, keptNow, true);
  const [files, setFiles] = useState<File[]>([]);
  const [previews, setPreviews] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  const keys = useActionKeys();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ name: string; sent: number; preparing?: boolean } | null>(null);
  const texts = useOfficialsTexts();
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []).slice(0, 10);
    setFiles(chosen);
    setPreviews(chosen.map((file) => URL.createObjectURL(file)));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSent(false);
    try {
      // One at a time: a phone on a slow connection sends one photo well rather than ten badly.
      const uploaded: Array<{ url: string }> = [];
      // Each photo made smaller on the phone first (its EXIF capture time and GPS kept for the verifier).
      for (const chosen of files) {
        setProgress({ name: chosen.name, sent: 0, preparing: true });
        const file = await shrinkPhoto(chosen);
        setProgress({ name: file.name, sent: 0 });
        const photo = await uploadFile<{ url: string }>(
          'photos',
          file,
          file.name,
          (sent) => setProgress({ name: file.name, sent }),
          keys.keyFor(uploadContentOf('photos', file, file.name)),
        );
        uploaded.push({ url: photo.url });
      }
      const photos = [
        ...uploaded,
        ...photoUrls
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((url) => ({ url })),
      ];
      const path = `/proposals/${proposalId}/progress-reports`;
      const body: ProgressReportInput = {
        physicalProgressPercent: /^\d+$/.test(percent.trim()) ? Number(percent.trim()) : percent,
        amountSpent: parseRupiah(spent) ?? spent,
        note,
        ...(photos.length ? { photos } : {}),
      };
      // Sent again after a click that met no answer: the same report (and photos), under the same keys.
      await api<AnswerOf<typeof ReportProgress>>('POST', path, { body, idempotencyKey: keys.keyFor({ path, body }) });
      keys.succeeded();
      if (draftKey) deviceDrafts.remove(draftKey);
      setSent(true);
      setPercent('');
      setSpent('');
      setNote('');
      setPhotoUrls('');
      setFiles([]);
      setPreviews([]);
      onSent();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  // "No photo" concerns the photos as a whole, which are chosen on the device; an address's own error stays with the addresses.
  const photosMissing = errorsFor(error, 'photos').some((e) => e.field === 'photos');
  const photoFilesError = [reasonOf(error, 'file'), photosMissing ? reasonOf(error, 'photos') : undefined].filter(Boolean).join(' ');

  return (
    <form onSubmit={submit} noValidate className="card no-print">
      <h3>{t.progressReports}</h3>
      <ErrorSummary
        error={error}
        fieldLabels={{
          physicalProgressPercent: t.physicalProgress,
          amountSpent: t.amountSpent,
          note: t.progressNote,
          photos: photosMissing ? t.photoFiles : t.photos,
          file: t.photoFiles,
        }}
      />
      {sent && (
        <p role="status" className="notice ok">
          {t.reportSent}
        </p>
      )}
      <div className="grid-2">
        <Field
          id="physicalProgressPercent"
          label={t.physicalProgress}
          hint={t.physicalProgressHint}
          error={reasonOf(error, 'physicalProgressPercent')}
        >
          <input inputMode="numeric" value={percent} onChange={(e) => setPercent(e.target.value)} />
        </Field>
        <Field
          id="amountSpent"
          label={t.amountSpent}
          hint={t.amountSpentHint(formatRupiah(spendingLimit))}
          error={unreadableRupiah(spent) ? t.invalidRupiah : reasonOf(error, 'amountSpent')}
        >
          <input inputMode="numeric" value={spent} onChange={(e) => setSpent(e.target.value)} />
        </Field>
      </div>
      <Field id="progressNote" label={t.progressNote} error={reasonOf(error, 'note')}>
        <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      {/* No `capture`: it would open only the camera, one shot at a time, and the photos of earlier visits to the site could not be chosen. */}
      <Field id="photoFiles" label={t.photoFiles} hint={t.photoFilesHint} error={photoFilesError || undefined}>
        <input type="file" accept="image/*" multiple onChange={pick} />
      </Field>
      {previews.length > 0 && (
        <ul className="photo-previews">
          {previews.map((url) => (
            <li key={url}>
              <img src={url} alt="" />
            </li>
          ))}
        </ul>
      )}
      <Field id="photoUrls" label={t.photos} error={photosMissing ? undefined : reasonOf(error, 'photos')}>
        <textarea rows={2} value={photoUrls} onChange={(e) => setPhotoUrls(e.target.value)} placeholder="https://…" />
      </Field>
      {progress?.preparing && <p role="status">{texts.preparingPhoto(progress.name)}</p>}
      {progress && !progress.preparing && <UploadProgress name={progress.name} sent={progress.sent} />}
      <button type="submit" className="button primary" disabled={busy}>
        {t.sendReport}
      </button>
    </form>
  );
}
