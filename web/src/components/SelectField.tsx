import type { ReactNode, SelectHTMLAttributes } from 'react';
import { fieldIds } from '../lib/fieldIds';
import FormGroup from './FormGroup';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> {
  id: string;
  label: string;
  hint?: ReactNode;
  /** Inline error message; also marks the select as invalid. */
  error?: string;
  options: readonly SelectOption[];
  /** The first, empty option ("Choose…", "Any"); omit for none. */
  placeholder?: string;
  /** Visually hide the label (it is still read out), for table cells. */
  hideLabel?: boolean;
}

/** SelectField is the NHS.UK select with its label, hint and error message. */
export default function SelectField({ id, label, hint, error, options, placeholder, hideLabel, ...select }: SelectFieldProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={id}
        name={select.name ?? id}
        aria-describedby={fieldIds(id, hint, error).describedBy}
        aria-invalid={error ? true : undefined}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
