import Choices from './Choices';
import type { ChoicesProps } from './choices';

interface Props extends ChoicesProps {
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/** CheckboxList is the NHS.UK checkboxes pattern for choosing several options. */
export default function CheckboxList({ selected, onChange, ...choices }: Props) {
  return (
    <Choices
      type="checkbox"
      listClassName="nhsuk-checkboxes nhsuk-checkboxes--small"
      isChecked={(value) => selected.includes(value)}
      onChange={(value, on) => onChange(on ? [...selected, value] : selected.filter((v) => v !== value))}
      whenEmpty={<p className="app-cat-muted">There is nothing to choose yet.</p>}
      {...choices}
    />
  );
}
