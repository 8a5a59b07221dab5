import type { InputHTMLAttributes } from 'react';
import { fieldIds } from '../lib/fieldIds';
import FormGroup from './FormGroup';

export interface TextInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  id: string;
  label: string;
  hint?: string;
  /** Inline error message; also marks the input as invalid. */
  error?: string;
  /** nhsuk width modifier, such as "nhsuk-input--width-20". */
  widthClass?: string;
}

/** TextInput is the NHS.UK text input with its label, hint and error message. */
export default function TextInput({ id, label, hint, error, widthClass, ...input }: TextInputProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <input
        className={['nhsuk-input', widthClass, error ? 'nhsuk-input--error' : ''].filter(Boolean).join(' ')}
        id={id}
        name={input.name ?? id}
        aria-describedby={fieldIds(id, hint, error).describedBy}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </FormGroup>
  );
}
