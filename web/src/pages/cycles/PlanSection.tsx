import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  usePeople,
  useStandardOptions,
  useUpdateCycle,
  type Cycle,
  type CycleRequest,
} from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import TextInput from '../../components/TextInput';
import { formatDay, predictionText, roleLabels } from './labels';
import MeasuresEditor, { toMeasureRequest, type MeasureRow } from './MeasuresEditor';
import SelectField from '../../components/SelectField';
import SummaryItem from './SummaryItem';
import TextArea from '../../components/TextArea';

interface Props {
  cycle: Cycle;
  canManage: boolean;
  problem: Problem | null;
  onProblem: (p: Problem | null) => void;
}

/** PlanView shows the plan: aim, change idea, people, measures and predictions. */
function PlanView({ cycle }: { cycle: Cycle }) {
  return (
    <>
      <dl className="nhsuk-summary-list">
        <SummaryItem label="Aim">{cycle.aim || 'Not set'}</SummaryItem>
        <SummaryItem label="Change idea">{cycle.change_idea || 'Not set'}</SummaryItem>
        <SummaryItem label="Owner">{cycle.owner_name ?? 'Not set'}</SummaryItem>
        <SummaryItem label="Team">{cycle.team_members.length > 0 ? cycle.team_members.map((t) => t.name).join('; ') : 'None'}</SummaryItem>
        <SummaryItem label="Plan (who, what, where, when)">
          <span style={{ whiteSpace: 'pre-line' }}>{cycle.plan || 'Not set'}</span>
        </SummaryItem>
        <SummaryItem label="Planned">
          {cycle.planned_start || cycle.planned_end ? `${formatDay(cycle.planned_start)} to ${formatDay(cycle.planned_end)}` : 'Not set'}
        </SummaryItem>
        <SummaryItem label="Change introduced (Do start)">{formatDay(cycle.do_started_on)}</SummaryItem>
      </dl>
      <table className="nhsuk-table app-measures">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          Measures and predictions{cycle.predictions_locked ? ' (locked since Do started)' : ''}
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Standard</th>
            <th scope="col" className="nhsuk-table__header">Role</th>
            <th scope="col" className="nhsuk-table__header">Prediction</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {cycle.measures.length === 0 && (
            <tr className="nhsuk-table__row">
              <td className="nhsuk-table__cell" colSpan={3}>
                No measures yet.
              </td>
            </tr>
          )}
          {cycle.measures.map((m) => (
            <tr key={m.standard_id} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">
                <Link to={`/standards/${m.standard_id}`}>{m.code}</Link> {m.title}
              </td>
              <td className="nhsuk-table__cell">{roleLabels[m.role]}</td>
              <td className="nhsuk-table__cell">
                {predictionText(m)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** teamLines shows the team as one person per line, by name. */
function teamLines(cycle: Cycle): string {
  return cycle.team_members.map((t) => t.name).join('\n');
}

/**
 * PlanSection shows the plan and, while the cycle is in Plan, lets an
 * improver edit it: everything Do needs, including the predictions, which
 * lock when Do starts.
 */
export default function PlanSection({ cycle, canManage, problem, onProblem }: Props) {
  const editing = canManage && cycle.stage === 'plan';
  const people = usePeople(editing);
  const standards = useStandardOptions();
  const update = useUpdateCycle(cycle.id);
  const [form, setForm] = useState({
    title: cycle.title,
    aim: cycle.aim,
    change_idea: cycle.change_idea,
    owner_id: cycle.owner_id ?? '',
    team: teamLines(cycle),
    plan: cycle.plan,
    planned_start: cycle.planned_start ?? '',
    planned_end: cycle.planned_end ?? '',
    do_started_on: cycle.do_started_on ?? '',
  });
  const [measures, setMeasures] = useState<MeasureRow[]>(
    cycle.measures.map((m) => ({
      standard_id: m.standard_id,
      role: m.role,
      predicted_direction: m.predicted_direction ?? '',
      predicted_change: m.predicted_change === null ? '' : String(m.predicted_change),
    })),
  );
  const [saved, setSaved] = useState(false);
  if (!editing) return <PlanView cycle={cycle} />;
  const errors = fieldMessages(problem);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    // A team line naming a person with an account is stored as their id.
    const team = form.team
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => people.data?.find((p) => p.name.toLowerCase() === l.toLowerCase())?.id ?? l);
    const body: CycleRequest = {
      title: form.title,
      aim: form.aim,
      change_idea: form.change_idea,
      owner_id: form.owner_id || null,
      team,
      plan: form.plan,
      planned_start: form.planned_start || null,
      planned_end: form.planned_end || null,
      do_started_on: form.do_started_on || null,
      measures: measures.map(toMeasureRequest),
    };
    update.mutate(
      { body, version: cycle.version },
      {
        onSuccess: () => {
          onProblem(null);
          setSaved(true);
        },
        onError: (err) => onProblem(err.problem),
      },
    );
  }

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form onSubmit={submit} noValidate>
      <TextInput id="title" label="Title" value={form.title} error={errors.title} onChange={set('title')} />
      <TextArea id="aim" label="Aim" hint="What will improve, by how much, by when." rows={3} value={form.aim} error={errors.aim} onChange={set('aim')} />
      <TextArea id="change_idea" label="Change idea" rows={3} value={form.change_idea} error={errors.change_idea} onChange={set('change_idea')} />
      <SelectField
        id="owner_id"
        label="Owner"
        hint="The person accountable for the cycle."
        value={form.owner_id}
        placeholder="Choose the owner"
        options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        error={errors.owner_id}
        onChange={set('owner_id')}
      />
      <TextArea
        id="team"
        label="Team"
        hint="One person per line. Names of people with an Assure account are linked to them."
        rows={3}
        value={form.team}
        error={errors.team}
        onChange={set('team')}
      />
      <MeasuresEditor rows={measures} standards={standards.data ?? []} errors={errors} onChange={setMeasures} />
      <TextArea
        id="plan"
        label="Plan"
        hint="Who will do what, where and when."
        rows={4}
        value={form.plan}
        error={errors.plan}
        onChange={set('plan')}
      />
      <TextInput id="planned_start" label="Planned start" type="date" widthClass="nhsuk-input--width-10" value={form.planned_start} error={errors.planned_start} onChange={set('planned_start')} />
      <TextInput id="planned_end" label="Planned end" type="date" widthClass="nhsuk-input--width-10" value={form.planned_end} error={errors.planned_end} onChange={set('planned_end')} />
      <TextInput
        id="do_started_on"
        label="Change introduced on (Do start)"
        hint="The day the change starts. Study compares each measure before and after it."
        type="date"
        widthClass="nhsuk-input--width-10"
        value={form.do_started_on}
        error={errors.do_started_on}
        onChange={set('do_started_on')}
      />
      <button className="nhsuk-button" type="submit" disabled={update.isPending}>
        Save the plan
      </button>
      {saved && (
        <p className="nhsuk-body" role="status">
          Plan saved.
        </p>
      )}
    </form>
  );
}
