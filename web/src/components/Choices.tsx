import type { ReactNode } from 'react';
import ChoiceItem from './ChoiceItem';
import type { ChoiceOption } from './choices';
import Fieldset from './Fieldset';

interface Props<V extends string> {
  type: 'checkbox' | 'radio';
  /** The first input's id, which error summaries link to; also every input's name. */
  id: string;
  legend: ReactNode;
  legendClassName?: string;
  hint?: ReactNode;
  error?: string;
  options: readonly ChoiceOption<V>[];
  /** Classes on the list, such as "nhsuk-radios nhsuk-radios--inline". */
  listClassName: string;
  isChecked: (value: V) => boolean;
  onChange: (value: V, checked: boolean) => void;
  /** The id of each input after the first; `<id>-2`, `<id>-3`… unless given. */
  itemId?: (value: V, index: number) => string;
  /** Shown instead of the list when there are no options. */
  whenEmpty?: ReactNode;
}

/** Choices is the NHS.UK radios or checkboxes pattern: a fieldset of options, each with its label and hint. */
export default function Choices<V extends string>({ type, id, options, listClassName, isChecked, onChange, itemId, whenEmpty, ...fieldset }: Props<V>) {
  return (
    <Fieldset id={id} {...fieldset}>
      {options.length === 0 && whenEmpty !== undefined ? (
        whenEmpty
      ) : (
        <div className={listClassName}>
          {options.map((o, i) => {
            const inputId = i === 0 ? id : (itemId?.(o.value, i) ?? `${id}-${i + 1}`);
            return (
              <ChoiceItem
                key={o.value}
                type={type}
                id={inputId}
                name={id}
                value={o.value}
                label={o.label}
                hint={o.hint}
                checked={isChecked(o.value)}
                onChange={(checked) => onChange(o.value, checked)}
              />
            );
          })}
        </div>
      )}
    </Fieldset>
  );
}
