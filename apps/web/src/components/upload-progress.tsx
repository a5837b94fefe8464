import { useOfficialsTexts } from '../i18n/officials-messages';

/** How far a file's upload has come: a progress bar screen readers announce (role="progressbar", aria-valuenow). */
export function UploadProgress({ name, sent }: { name: string; sent: number }) {
  const texts = useOfficialsTexts();
  const percent = Math.round(Math.min(Math.max(sent, 0), 1) * 100);
  return (
    <div className="upload-progress">
      <span id="upload-progress-label">{texts.uploadingFile(name, percent)}</span>
      <div
        className="upload-progress-track"
        role="progressbar"
        aria-labelledby="upload-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="upload-progress"
      >
        <div className="upload-progress-bar" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
