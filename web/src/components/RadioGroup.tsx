import Choices from './Choices';
import type { ChoicesProps } from './choices';

interface Props extends ChoicesProps {
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
}

/** RadioGroup is the NHS.UK radios pattern for choosing one option. */
export default function RadioGroup({ value, onChange, inline, ...choices }: Props) {
  return (
    <Choices
      type="radio"
      listClassName={`nhsuk-radios${inline ? ' nhsuk-radios--inline' : ''}`}
      isChecked={(v) => v === value}
      onChange={(v) => onChange(v)}
      {...choices}
    />
  );
}
