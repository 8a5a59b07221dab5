import type { Harm } from '../../api/issues';
import Choices from '../../components/Choices';
import { harmLevels, type HarmWording } from './labels';

interface Props {
  /** Field name, also the first radio's id (so an error summary can link to it). */
  name: string;
  legend: string;
  hint?: string;
  wording: Record<Harm, HarmWording>;
  value: Harm | '';
  error?: string;
  onChange: (h: Harm) => void;
}

/** HarmRadios asks for one LFPSE harm level as NHS.UK small radios with hints. */
export default function HarmRadios({ name, legend, hint, wording, value, error, onChange }: Props) {
  return (
    <Choices
      type="radio"
      id={name}
      legend={legend}
      hint={hint}
      error={error}
      options={harmLevels.map((h) => ({ value: h, ...wording[h] }))}
      listClassName="nhsuk-radios nhsuk-radios--small"
      isChecked={(h) => h === value}
      onChange={(h) => onChange(h)}
      itemId={(h) => `${name}-${h}`}
    />
  );
}
