import type { UploadProgress } from '../../api/measurements';

interface Props {
  progress: UploadProgress;
}

/** UploadProgressBar shows how much of an upload has been sent, and says so to screen readers. */
export default function UploadProgressBar({ progress }: Props) {
  const known = progress.total > 0;
  const percent = known ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : null;
  const done = percent === 100;
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor="upload-progress">
        {done ? 'Sent. Checking every row…' : 'Uploading'}
      </label>
      <progress
        className="app-cat-upload-progress"
        id="upload-progress"
        max={100}
        value={percent ?? undefined}
        aria-valuetext={percent === null ? 'Uploading' : `${percent}% sent`}
      >
        {percent === null ? 'Uploading' : `${percent}%`}
      </progress>
      <p className="nhsuk-body-s" role="status" aria-live="polite">
        {percent === null ? 'Uploading…' : done ? 'All sent. Checking every row…' : `${percent}% sent`}
      </p>
    </div>
  );
}
