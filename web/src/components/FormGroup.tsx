import type { ReactNode } from 'react';
import FieldMessages from './FieldMessages';

interface Props {
  /** The input's id, which the label points at. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Visually hide the label (it is still read out), for table cells. */
  hideLabel?: boolean;
  /** Extra classes on the group, such as "nhsuk-password-input". */
  className?: string;
  /** The input itself, described by fieldIds(id, hint, error).describedBy. */
  children: ReactNode;
}

/** FormGroup is the NHS.UK form group around one input: its label, hint and error message. */
export default function FormGroup({ id, label, hint, error, hideLabel = false, className, children }: Props) {
  const groupClass = ['nhsuk-form-group', className, error ? 'nhsuk-form-group--error' : ''].filter(Boolean).join(' ');
  return (
    <div className={groupClass}>
      <label className={`nhsuk-label${hideLabel ? ' nhsuk-u-visually-hidden' : ''}`} htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}
