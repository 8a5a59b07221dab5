import type { ReactNode } from 'react';

interface Props {
  type: 'checkbox' | 'radio';
  id: string;
  /** Defaults to the id, for a lone checkbox. */
  name?: string;
  value?: string;
  label: ReactNode;
  /** Shown under the label as `<id>-item-hint`, and described by it. */
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** ChoiceItem is one NHS.UK checkbox or radio with its label and hint. */
export default function ChoiceItem({ type, id, name, value, label, hint, checked, onChange }: Props) {
  const kind = type === 'checkbox' ? 'checkboxes' : 'radios';
  const hintId = hint ? `${id}-item-hint` : undefined;
  return (
    <div className={`nhsuk-${kind}__item`}>
      <input
        className={`nhsuk-${kind}__input`}
        id={id}
        name={name ?? id}
        type={type}
        value={value}
        checked={checked}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className={`nhsuk-hint nhsuk-${kind}__hint`} id={hintId}>
          {hint}
        </div>
      )}
    </div>
  );
}
