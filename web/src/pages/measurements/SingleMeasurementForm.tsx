import { useEffect, useState, type FormEvent } from 'react';
import { useRecordMeasurement } from '../../api/measurements';
import { fieldMessages, validationProblem, type FieldError, type Problem } from '../../api/problem';
import { useStandards, useSystems } from '../../api/standards';
import ErrorSummary from '../../components/ErrorSummary';
import TextInput from '../../components/TextInput';
import { formatPeriod, formatValue } from '../../lib/spc';
import { parseDate, parseValue } from '../../lib/spcSeries';
import SelectField from '../../components/SelectField';
import TextArea from '../../components/TextArea';

// The API names fields standard, system…; the inputs here are prefixed so
// they cannot clash with the upload form's on the same page.
const fieldIds = { standard: 'm-standard', system: 'm-system', period_start: 'm-period', value: 'm-value', note: 'm-note' };

const periodHints = {
  day: 'The day, for example 2026-03-02.',
  week: 'The Monday the week starts on, for example 2026-03-02.',
  month: 'The 1st of the month, for example 2026-03-01.',
};

interface Props {
  /** Told whether the form is showing errors, for the page title. */
  onProblem?: (hasProblem: boolean) => void;
}

/** SingleMeasurementForm records one value of one standard for one period. */
export default function SingleMeasurementForm({ onProblem }: Props) {
  const standards = useStandards({ status: 'active' });
  const systems = useSystems();
  const record = useRecordMeasurement();
  const [standardId, setStandardId] = useState('');
  const [systemId, setSystemId] = useState('');
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => onProblem?.(problem !== null), [problem, onProblem]);
  const [done, setDone] = useState<string | null>(null);
  const messages = fieldMessages(problem, fieldIds);

  const standard = standards.data?.find((s) => s.id === standardId);
  const systemNames = new Map((systems.data ?? []).map((s) => [s.id, s.name]));
  const scope = (standard?.system_ids ?? []).map((id) => ({ value: id, label: systemNames.get(id) ?? 'A system' }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const errors: FieldError[] = [];
    if (!standard) errors.push({ field: 'standard', message: 'Choose the standard the value is for' });
    const day = parseDate(period);
    if (day === null) errors.push({ field: 'period_start', message: 'Enter the first day of the period, for example 2026-03-01' });
    const v = parseValue(value);
    if (typeof v !== 'number') errors.push({ field: 'value', message: 'Enter the value as a number, for example 99.5' });
    if (errors.length > 0 || !standard || day === null || typeof v !== 'number') {
      setProblem(validationProblem(errors));
      return;
    }
    const system = systemId ? (systemNames.get(systemId) ?? systemId) : '';
    record.mutate(
      { standard: standard.code, system: systemId || undefined, period_start: day, value: v, note: note.trim() || undefined },
      {
        onSuccess: ({ replaced }) => {
          setProblem(null);
          setValue('');
          setNote('');
          const what = `${standard.code}${system ? `, ${system}` : ', organisation-wide'}, ${formatPeriod(day, standard.period)}: ${formatValue(v, standard.unit, 3)}`;
          setDone(replaced ? `Corrected the value already recorded for ${what}.` : `Recorded ${what}.`);
        },
        onError: (e) => setProblem(e.problem),
      },
    );
  }

  return (
    <section className="app-cat-section" aria-labelledby="single-heading">
      <h2 id="single-heading">Record one value</h2>
      {problem && <ErrorSummary problem={problem} options={{ fieldIds }} />}
      {done && (
        <div className="nhsuk-inset-text app-cat-success" role="status">
          <span className="nhsuk-u-visually-hidden">Success: </span>
          <p>{done}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <SelectField
          id="m-standard"
          label="Standard"
          value={standardId}
          onChange={(e) => {
            setStandardId(e.target.value);
            setSystemId('');
          }}
          placeholder="Choose a standard"
          options={(standards.data ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.title}` }))}
          error={messages['m-standard']}
        />
        {scope.length > 0 && (
          <SelectField
            id="m-system"
            label="System"
            value={systemId}
            onChange={(e) => setSystemId(e.target.value)}
            placeholder="Organisation-wide"
            options={scope}
            error={messages['m-system']}
          />
        )}
        <TextInput
          id="m-period"
          label="Period"
          hint={standard ? periodHints[standard.period] : 'The first day of the period: a Monday for a weekly standard, the 1st for a monthly one.'}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          error={messages['m-period']}
          widthClass="nhsuk-input--width-10"
          inputMode="numeric"
          autoComplete="off"
        />
        <TextInput
          id="m-value"
          label={standard ? `Value (${standard.metric.toLowerCase()}, ${standard.unit})` : 'Value'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={messages['m-value']}
          widthClass="nhsuk-input--width-10"
          inputMode="decimal"
          autoComplete="off"
        />
        <TextArea id="m-note" label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} error={messages['m-note']} rows={2} maxLength={1000} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={record.isPending}>
          Record the value
        </button>
      </form>
    </section>
  );
}
