/** ChoiceOption is one radio or checkbox offered by RadioGroup or CheckboxList. */
export interface ChoiceOption<V extends string = string> {
  value: V;
  label: string;
  hint?: string;
}

/** ChoicesProps are what RadioGroup and CheckboxList share: the question and its options. */
export interface ChoicesProps {
  /** The first input's id, which error summaries link to. */
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: readonly ChoiceOption[];
}
