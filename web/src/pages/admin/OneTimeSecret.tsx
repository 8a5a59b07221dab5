import type { ReactNode } from 'react';
import CopyButton from './CopyButton';

interface Props {
  /** The id of the read-only input that holds the secret. */
  id: string;
  /** The input's label, such as "API token" or "Set-password link". */
  label: string;
  value: string;
  copyLabel: string;
  /** Lines of the box, enough to show all of it on a phone. */
  rows?: number;
  /** What to do with it, shown in the warning callout above the secret. */
  children: ReactNode;
}

/**
 * OneTimeSecret shows something Assure keeps no copy of — a token, a
 * set-password link — under a warning that it will not be shown again,
 * with a button to copy it.
 */
export default function OneTimeSecret({ id, label, value, copyLabel, rows = 2, children }: Props) {
  return (
    <div className="nhsuk-card nhsuk-card--warning">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            You will not see this again
          </span>
        </h2>
        {children}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
            {label}
          </label>
          <textarea
            className="nhsuk-textarea app-secret"
            id={id}
            name={id}
            rows={rows}
            readOnly
            spellCheck={false}
            value={value}
            onFocus={(e) => e.target.select()}
          />
        </div>
        <CopyButton text={value} label={copyLabel} inputId={id} />
      </div>
    </div>
  );
}
