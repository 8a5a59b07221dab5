import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { cssEscapeId, fieldMessages, validationProblem, type Problem } from '../../api/problem';
import {
  categories,
  directions,
  periods,
  rollups,
  statuses,
  units,
  usePeople,
  useSaveStandard,
  useSystems,
  type Standard,
} from '../../api/standards';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import CheckboxList from '../../components/CheckboxList';
import { categoryLabels, directionLabels, periodLabels, rollupLabels, statusLabels, unitLabels } from './labels';
import RadioGroup from '../../components/RadioGroup';
import ReferencesField from './ReferencesField';
import SelectField from '../../components/SelectField';
import { check, createRequest, emptyForm, formFrom, revisionChanged, updateRequest, type StandardForm } from './standardFormState';
import TextArea from '../../components/TextArea';
import './catalogue.css';

interface Props {
  title: string;
  /**
   * The standard to change, as loaded; absent to add one. Later reloads
   * do not change the form, so If-Match still names the version the user saw.
   */
  loaded?: Standard;
}

/**
 * StandardEditor is the form for a standard: every field for admins, the
 * wording, metric name, references and review date for its owner.
 */
export default function StandardEditor({ title, loaded }: Props) {
  const [saved] = useState(loaded);
  const navigate = useNavigate();
  const { data: me } = useMe();
  const systems = useSystems();
  const { list: users } = usePeople();
  const save = useSaveStandard();
  const [form, setForm] = useState<StandardForm>(saved ? formFrom(saved) : emptyForm);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [nothing, setNothing] = useState(false);
  usePageTitle(title, problem !== null);

  const canManage = me?.permissions.includes('standards.manage') ?? false;
  const ownerOnly = saved !== undefined && !canManage;
  const messages = fieldMessages(problem);
  const err = (field: string) => messages[cssEscapeId(field)];
  const set = <K extends keyof StandardForm>(key: K) => (value: StandardForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const showEffective = saved === undefined || (!ownerOnly && revisionChanged(form, saved));
  const owners = users
    .filter((u) => u.active || u.id === saved?.owner_id)
    .map((u) => ({ value: u.id, label: u.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  // An owner the list cannot name (no users.read) still shows as chosen.
  if (form.owner_id && !owners.some((o) => o.value === form.owner_id)) owners.unshift({ value: form.owner_id, label: 'Current owner' });

  function submit(event: FormEvent) {
    event.preventDefault();
    setNothing(false);
    const c = check(form, ownerOnly);
    if (c.errors.length > 0) {
      setProblem(validationProblem(c.errors));
      return;
    }
    if (saved === undefined) {
      save.mutate(
        { kind: 'create', body: createRequest(form, c) },
        { onSuccess: (s) => navigate(`/standards/${s.id}`), onError: (e) => setProblem(e.problem) },
      );
      return;
    }
    const body = updateRequest(form, c, saved, ownerOnly);
    if (Object.keys(body).length === 0) {
      setProblem(null);
      setNothing(true);
      return;
    }
    save.mutate(
      { kind: 'update', id: saved.id, version: saved.version, body },
      { onSuccess: (s) => navigate(`/standards/${s.id}`), onError: (e) => setProblem(e.problem) },
    );
  }

  const backTo = saved ? `/standards/${saved.id}` : '/standards';

  return (
    <>
      <div className="nhsuk-back-link">
        <Link className="nhsuk-back-link__link" to={backTo}>
          {saved ? `Back to ${saved.code}` : 'All standards'}
        </Link>
      </div>
      {problem && <ErrorSummary problem={problem} />}
      <h1>{saved ? `Change ${saved.code}: ${saved.title}` : 'Add a standard'}</h1>
      {ownerOnly && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            As the standard&rsquo;s owner you can change its wording, metric name, references and review date. Ask an
            administrator to change its threshold, target or scope.
          </p>
        </div>
      )}
      {nothing && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Nothing has changed, so there is nothing to save.</p>
        </div>
      )}

      <form onSubmit={submit} noValidate>
        <h2 className="nhsuk-heading-m">The standard</h2>
        {!ownerOnly && (
          <TextInput
            id="code"
            label="Code"
            hint="Capital letters, a hyphen and 2 to 4 digits, for example AV-01."
            value={form.code}
            onChange={(e) => set('code')(e.target.value.toUpperCase())}
            error={err('code')}
            widthClass="nhsuk-input--width-10"
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <TextInput id="title" label="Title" value={form.title} onChange={(e) => set('title')(e.target.value)} error={err('title')} maxLength={300} />
        <TextArea
          id="rationale"
          label="Why it matters for patients"
          hint="The link to patient safety: what goes wrong for patients and clinicians when the standard is not met."
          value={form.rationale}
          onChange={(e) => set('rationale')(e.target.value)}
          error={err('rationale')}
          maxLength={10000}
        />
        {!ownerOnly && (
          <SelectField
            id="category"
            label="Category"
            value={form.category}
            onChange={(e) => set('category')(e.target.value as StandardForm['category'])}
            placeholder="Choose a category"
            options={categories.map((c) => ({ value: c, label: categoryLabels[c] }))}
            error={err('category')}
          />
        )}

        <h2 className="nhsuk-heading-m">What is measured</h2>
        <TextInput
          id="metric"
          label="Metric"
          hint="For example, “Availability” or “Median log-in time”."
          value={form.metric}
          onChange={(e) => set('metric')(e.target.value)}
          error={err('metric')}
          maxLength={200}
        />
        {!ownerOnly && (
          <>
            <SelectField
              id="unit"
              label="Unit"
              value={form.unit}
              onChange={(e) => set('unit')(e.target.value as StandardForm['unit'])}
              placeholder="Choose a unit"
              options={units.map((u) => ({ value: u, label: unitLabels[u] }))}
              error={err('unit')}
            />
            <RadioGroup
              id="direction"
              legend="Which way is better?"
              value={form.direction}
              onChange={(v) => set('direction')(v as StandardForm['direction'])}
              options={directions.map((d) => ({ value: d, label: directionLabels[d] }))}
              error={err('direction')}
            />
            <TextInput
              id="threshold"
              label="Threshold"
              hint="The minimum acceptable value. A period that does not reach it is breached."
              inputMode="decimal"
              value={form.threshold}
              onChange={(e) => set('threshold')(e.target.value)}
              error={err('threshold')}
              widthClass="nhsuk-input--width-10"
            />
            <TextInput
              id="target"
              label="Target (optional)"
              hint="The value aimed for, if better than the threshold."
              inputMode="decimal"
              value={form.target}
              onChange={(e) => set('target')(e.target.value)}
              error={err('target')}
              widthClass="nhsuk-input--width-10"
            />
            <SelectField
              id="period"
              label="How often it is measured"
              value={form.period}
              onChange={(e) => set('period')(e.target.value as StandardForm['period'])}
              placeholder="Choose a period"
              options={periods.map((p) => ({ value: p, label: periodLabels[p] }))}
              error={err('period')}
            />
            {showEffective && (
              <TextInput
                id="effective_from"
                label={saved ? 'The new threshold, target, direction or period applies from' : 'The standard applies from (optional)'}
                hint={
                  saved
                    ? 'Changing these makes a new revision. Earlier periods are still judged by the old one. For example, 2026-04-01. Leave empty for today.'
                    : 'The date its first revision takes effect. For example, 2025-01-01. Leave empty for today.'
                }
                value={form.effective_from}
                onChange={(e) => set('effective_from')(e.target.value)}
                error={err('effective_from')}
                widthClass="nhsuk-input--width-10"
                inputMode="numeric"
              />
            )}
            <SelectField
              id="rollup"
              label="The organisation’s value is the"
              value={form.rollup}
              onChange={(e) => set('rollup')(e.target.value as StandardForm['rollup'])}
              options={rollups.map((r) => ({ value: r, label: rollupLabels[r] }))}
              error={err('rollup')}
            />
            <CheckboxList
              id="system_ids"
              legend="Systems in scope"
              hint="Leave all unticked for an organisation-wide standard."
              options={(systems.data ?? []).map((x) => ({ value: x.id, label: x.name, hint: x.supplier || undefined }))}
              selected={form.system_ids}
              onChange={set('system_ids')}
              error={err('system_ids')}
            />
          </>
        )}

        <h2 className="nhsuk-heading-m">Accountability</h2>
        {!ownerOnly && (
          <>
            <SelectField
              id="owner_id"
              label="Accountable owner"
              value={form.owner_id}
              onChange={(e) => set('owner_id')(e.target.value)}
              placeholder="No owner yet"
              options={owners}
              error={err('owner_id')}
            />
            <RadioGroup
              id="status"
              legend="Status"
              hint="Only active standards are judged. A standard that has been active cannot go back to draft."
              value={form.status}
              onChange={(v) => set('status')(v as StandardForm['status'])}
              options={statuses
                .filter((s) => !(saved && saved.status !== 'draft' && s === 'draft'))
                .map((s) => ({ value: s, label: statusLabels[s] }))}
              error={err('status')}
              inline
            />
          </>
        )}
        <TextInput
          id="review_due"
          label="Review due (optional)"
          hint="For example, 2027-03-31."
          value={form.review_due}
          onChange={(e) => set('review_due')(e.target.value)}
          error={err('review_due')}
          widthClass="nhsuk-input--width-10"
          inputMode="numeric"
        />
        <ReferencesField references={form.references} onChange={set('references')} messages={messages} />

        {!ownerOnly && (
          <>
            <h2 className="nhsuk-heading-m">Chart settings</h2>
            <TextInput
              id="baseline_points"
              label="Baseline points (optional)"
              hint="Work out each segment’s limits from its first N points (at least 12) and then freeze them. Leave empty to use every point."
              inputMode="numeric"
              value={form.baseline_points}
              onChange={(e) => set('baseline_points')(e.target.value)}
              error={err('baseline_points')}
              widthClass="nhsuk-input--width-5"
            />
            <div className="nhsuk-form-group">
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                <div className="nhsuk-checkboxes__item">
                  <input
                    className="nhsuk-checkboxes__input"
                    id="screen_moving_ranges"
                    name="screen_moving_ranges"
                    type="checkbox"
                    checked={form.screen_moving_ranges}
                    onChange={(e) => set('screen_moving_ranges')(e.target.checked)}
                    aria-describedby="screen_moving_ranges-hint"
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="screen_moving_ranges">
                    Screen out unusually large moving ranges
                  </label>
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id="screen_moving_ranges-hint">
                    Recommended. Untick to match the Making Data Count Excel tool.
                  </div>
                </div>
              </div>
            </div>
          </>
        )}

        <div className="app-cat-button-row">
          <button className="nhsuk-button" type="submit" disabled={save.isPending}>
            {saved ? 'Save changes' : 'Add the standard'}
          </button>
          <Link to={backTo}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
