import { useState } from 'react';
import type { Cycle } from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import TextInput from '../../components/TextInput';
import { formatDay } from './labels';
import StageFieldsForm from './StageFieldsForm';
import SummaryItem from './SummaryItem';
import TextArea from '../../components/TextArea';

interface Props {
  cycle: Cycle;
  canManage: boolean;
  problem: Problem | null;
  onProblem: (p: Problem | null) => void;
}

/** DoSection records what happened when the change was made. */
export default function DoSection({ cycle, canManage, problem, onProblem }: Props) {
  const editing = canManage && (cycle.stage === 'do' || cycle.stage === 'study');
  const [form, setForm] = useState({
    do_started_on: cycle.do_started_on ?? '',
    do_notes: cycle.do_notes,
    observations: cycle.observations,
  });
  if (cycle.stage === 'plan') return <p>Do starts when the plan is complete and the change has been introduced.</p>;
  if (!editing) {
    return (
      <dl className="nhsuk-summary-list">
        <SummaryItem label="Change introduced on">{formatDay(cycle.do_started_on)}</SummaryItem>
        <SummaryItem label="What happened">
          <span style={{ whiteSpace: 'pre-line' }}>{cycle.do_notes || 'Not recorded'}</span>
        </SummaryItem>
        <SummaryItem label="Observations">
          <span style={{ whiteSpace: 'pre-line' }}>{cycle.observations || 'Not recorded'}</span>
        </SummaryItem>
      </dl>
    );
  }
  const errors = fieldMessages(problem);
  return (
    <StageFieldsForm
      cycle={cycle}
      submitLabel="Save what happened"
      onProblem={onProblem}
      body={() =>
        cycle.stage === 'do'
          ? { do_started_on: form.do_started_on || null, do_notes: form.do_notes, observations: form.observations }
          : { do_notes: form.do_notes, observations: form.observations }
      }
    >
      {cycle.stage === 'do' && (
        <TextInput
          id="do_started_on"
          label="Change introduced on"
          type="date"
          widthClass="nhsuk-input--width-10"
          value={form.do_started_on}
          error={errors.do_started_on}
          onChange={(e) => setForm({ ...form, do_started_on: e.target.value })}
        />
      )}
      <TextArea
        id="do_notes"
        label="What happened"
        hint="How the change was carried out, and anything that did not go to plan."
        value={form.do_notes}
        error={errors.do_notes}
        onChange={(e) => setForm({ ...form, do_notes: e.target.value })}
      />
      <TextArea
        id="observations"
        label="Observations"
        hint="What people noticed: problems, side effects, surprises."
        value={form.observations}
        error={errors.observations}
        onChange={(e) => setForm({ ...form, observations: e.target.value })}
      />
    </StageFieldsForm>
  );
}
