import { useEffect, useState } from 'react';
import { fetchFile } from '../api/api-client';
import { PHOTO_WARNING_FLAGS, type PhotoFlag, type ProgressReportView, type ProgressVerificationStatus } from '@alur/contracts';
import { useI18n } from '../i18n/i18n';
import { useProgressTexts } from '../i18n/progress-messages';

/** An uploaded photo is read with the caller's token (its address needs it), then shown from memory; an https photo as it is. */
function ReportPhoto({ url, alt }: { url: string; alt: string }) {
  const x = useProgressTexts();
  const uploaded = url.startsWith('/api/');
  const [src, setSrc] = useState<string | undefined>(uploaded ? undefined : url);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!uploaded) return;
    let objectUrl: string | undefined;
    let current = true;
    fetchFile(url).then(
      (blob) => {
        if (!current) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url, uploaded]);
  if (failed) return <p className="muted">{x.photoUnavailable}</p>;
  return <img src={src} alt={alt} width={160} height={120} data-testid="report-photo" aria-busy={src ? undefined : true} />;
}

function FlagBadge({ flag }: { flag: PhotoFlag }) {
  const x = useProgressTexts();
  const warning = (PHOTO_WARNING_FLAGS as readonly PhotoFlag[]).includes(flag);
  return (
    <span className={`badge ${warning ? 'badge-warn' : 'badge-neutral'}`} data-testid={warning ? 'photo-warning' : 'photo-info'}>
      {warning ? '⚠ ' : ''}
      {x.flags[flag] ?? flag}
    </span>
  );
}

/** A report's photos, each with when and where it was taken (from its EXIF) and the flags raised on it beside it. */
export function ProgressPhotos({ report, title }: { report: ProgressReportView; title: string }) {
  const { dateTime } = useI18n();
  const x = useProgressTexts();
  if (report.photos.length === 0) return <p className="muted">{x.noPhotos}</p>;
  const place = report.villageLocation?.place;
  return (
    <>
      {report.photoWarnings.length > 0 && (
        <p className="notice warn" data-testid="report-warnings">
          {x.reportWarnings}
        </p>
      )}
      <ul className="photo-grid" aria-label={x.photos}>
        {report.photos.map((photo, n) => (
          <li key={`${photo.url}-${n}`}>
            <figure>
              <ReportPhoto url={photo.url} alt={photo.caption || x.photoAlt(n + 1, title)} />
              <figcaption>
                {photo.caption && <div>{photo.caption}</div>}
                {photo.capture?.capturedAt && <div>{x.capturedAt(dateTime(photo.capture.capturedAt))}</div>}
                {photo.check?.distanceKm != null && place && <div>{x.distance(photo.check.distanceKm, place)}</div>}
                {photo.check?.daysBeforeReport != null && photo.check.daysBeforeReport > 0 && (
                  <div>{x.daysBefore(photo.check.daysBeforeReport)}</div>
                )}
                {(photo.check?.flags ?? []).map((flag) => (
                  <div key={flag}>
                    <FlagBadge flag={flag} />
                  </div>
                ))}
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </>
  );
}

const TONE: Record<ProgressVerificationStatus, string> = { PENDING: 'info', ACCEPTED: 'ok', SENT_BACK: 'warn' };

/** Where a report's verification stands. */
export function VerificationBadge({ status }: { status: ProgressVerificationStatus }) {
  const x = useProgressTexts();
  return (
    <span className={`badge badge-${TONE[status]}`} data-testid="verification-status">
      {x.verification[status]}
    </span>
  );
}
