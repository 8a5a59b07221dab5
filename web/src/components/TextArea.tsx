import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { fieldIds } from '../lib/fieldIds';
import FormGroup from './FormGroup';

export interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  id: string;
  label: string;
  hint?: ReactNode;
  /** Inline error message; also marks the textarea as invalid. */
  error?: string;
}

/** TextArea is the NHS.UK textarea with its label, hint and error message. */
export default function TextArea({ id, label, hint, error, rows = 4, className, ...area }: TextAreaProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <textarea
        className={['nhsuk-textarea', error ? 'nhsuk-textarea--error' : '', className].filter(Boolean).join(' ')}
        id={id}
        name={area.name ?? id}
        rows={rows}
        aria-describedby={fieldIds(id, hint, error).describedBy}
        aria-invalid={error ? true : undefined}
        {...area}
      />
    </FormGroup>
  );
}
