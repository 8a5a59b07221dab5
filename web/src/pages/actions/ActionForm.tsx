import { useState, type FormEvent } from 'react';
import { useCycles, usePeople, useStandardOptions, type Action, type ActionRequest } from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import TextInput from '../../components/TextInput';
import SelectField from '../../components/SelectField';
import TextArea from '../../components/TextArea';

interface Props {
  action?: Action;
  submitLabel: string;
  pending: boolean;
  problem: Problem | null;
  onSubmit: (body: ActionRequest) => void;
}

/** ActionForm edits every field of an action (for improvers). */
export default function ActionForm({ action, submitLabel, pending, problem, onSubmit }: Props) {
  const people = usePeople();
  const standards = useStandardOptions();
  const cycles = useCycles({ limit: 500 });
  const [form, setForm] = useState({
    title: action?.title ?? '',
    description: action?.description ?? '',
    owner_id: action?.owner_id ?? '',
    due_on: action?.due_on ?? '',
    cycle_id: action?.cycle_id ?? '',
    expected_effect: action?.expected_effect ?? '',
  });
  const [standardIds, setStandardIds] = useState<string[]>(action?.standard_ids ?? []);
  const errors = fieldMessages(problem);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({ ...form, cycle_id: form.cycle_id || null, standard_ids: standardIds });
  }

  return (
    <form onSubmit={submit} noValidate>
      <TextInput id="title" label="Action" value={form.title} error={errors.title} onChange={set('title')} />
      <TextArea id="description" label="Description" rows={3} value={form.description} error={errors.description} onChange={set('description')} />
      <SelectField
        id="owner_id"
        label="Owner"
        hint="The person accountable for getting it done. They are told, and can update its progress."
        value={form.owner_id}
        placeholder="Choose the owner"
        options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        error={errors.owner_id}
        onChange={set('owner_id')}
      />
      <TextInput id="due_on" label="Due on" type="date" widthClass="nhsuk-input--width-10" value={form.due_on} error={errors.due_on} onChange={set('due_on')} />
      <SelectField
        id="cycle_id"
        label="Cycle (optional)"
        value={form.cycle_id}
        placeholder="Not part of a cycle"
        options={(cycles.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
        error={errors.cycle_id}
        onChange={set('cycle_id')}
      />
      <div className={`nhsuk-form-group${errors.standard_ids ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset className="nhsuk-fieldset" id="standard_ids">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Standards it should move</legend>
          <div className="nhsuk-hint">When it is done, the day is marked on these standards’ SPC charts.</div>
          {errors.standard_ids && (
            <span className="nhsuk-error-message">
              <span className="nhsuk-u-visually-hidden">Error:</span> {errors.standard_ids}
            </span>
          )}
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            {(standards.data ?? []).map((s) => (
              <div className="nhsuk-checkboxes__item" key={s.id}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={`standard-${s.id}`}
                  type="checkbox"
                  checked={standardIds.includes(s.id)}
                  onChange={(e) => setStandardIds(e.target.checked ? [...standardIds, s.id] : standardIds.filter((x) => x !== s.id))}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`standard-${s.id}`}>
                  {s.code} {s.title}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextArea
        id="expected_effect"
        label="Expected effect"
        rows={2}
        value={form.expected_effect}
        error={errors.expected_effect}
        onChange={set('expected_effect')}
      />
      <button className="nhsuk-button" type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
