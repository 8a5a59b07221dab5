import type { ReactNode } from 'react';
import { fieldIds } from '../lib/fieldIds';
import FieldMessages from './FieldMessages';

interface Props {
  /** The first input's id, which error summaries link to; the hint and error are named after it. */
  id: string;
  legend: ReactNode;
  /** nhsuk legend size modifier. */
  legendClassName?: string;
  hint?: ReactNode;
  error?: string;
  /** The radios or checkboxes. */
  children: ReactNode;
}

/** Fieldset is the NHS.UK form group around a set of radios or checkboxes: legend, hint and error message. */
export default function Fieldset({ id, legend, legendClassName = 'nhsuk-fieldset__legend--s', hint, error, children }: Props) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={fieldIds(id, hint, error).describedBy}>
        <legend className={`nhsuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        {children}
      </fieldset>
    </div>
  );
}
