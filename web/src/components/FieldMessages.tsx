import type { ReactNode } from 'react';
import { fieldIds } from '../lib/fieldIds';

interface Props {
  /** The field's id; the hint and error are named after it (see fieldIds). */
  id: string;
  hint?: ReactNode;
  error?: string;
}

/** FieldMessages is the NHS.UK hint and error message shown above a field. */
export default function FieldMessages({ id, hint, error }: Props) {
  const { hintId, errorId } = fieldIds(id, hint, error);
  return (
    <>
      {hint && (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
    </>
  );
}
