import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldMessages, validationProblem, type Problem } from '../../api/problem';
import {
  criticalities,
  usePeople,
  useSaveSystem,
  useSites,
  useSystems,
  type Criticality,
  type System,
  type UpdateSystemRequest,
} from '../../api/standards';
import ErrorSummary from '../../components/ErrorSummary';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import CheckboxList from '../../components/CheckboxList';
import { criticalityLabels } from '../standards/labels';
import RadioGroup from '../../components/RadioGroup';
import SelectField from '../../components/SelectField';
import TextArea from '../../components/TextArea';

interface Props {
  title: string;
  /**
   * The system to change, as loaded; absent to add one. Later reloads
   * do not change the form, so If-Match still names the version the user saw.
   */
  loaded?: System;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** SystemEditor is the form for an IT system (admins). */
export default function SystemEditor({ title, loaded }: Props) {
  const [saved] = useState(loaded);
  const navigate = useNavigate();
  const systems = useSystems();
  const sites = useSites();
  const { list: users } = usePeople();
  const save = useSaveSystem();
  const [name, setName] = useState(saved?.name ?? '');
  const [description, setDescription] = useState(saved?.description ?? '');
  const [supplier, setSupplier] = useState(saved?.supplier ?? '');
  const [criticality, setCriticality] = useState<string>(saved?.criticality ?? '');
  const [owner, setOwner] = useState(saved?.owner_id ?? '');
  const [siteIds, setSiteIds] = useState<string[]>(saved?.site_ids ?? []);
  const [dependsOn, setDependsOn] = useState<string[]>(saved?.depends_on_ids ?? []);
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle(title, problem !== null);
  const messages = fieldMessages(problem);
  const suppliers = [...new Set((systems.data ?? []).map((s) => s.supplier).filter(Boolean))].sort();
  const owners = users
    .filter((u) => u.active || u.id === saved?.owner_id)
    .map((u) => ({ value: u.id, label: u.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (owner && !owners.some((o) => o.value === owner)) owners.unshift({ value: owner, label: 'Current owner' });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = [];
    if (name.trim() === '') errors.push({ field: 'name', message: 'Enter the system’s name' });
    if (criticality === '') errors.push({ field: 'criticality', message: 'Choose how critical the system is' });
    if (errors.length > 0) {
      setProblem(validationProblem(errors));
      return;
    }
    const onError = (e: { problem: Problem }) => setProblem(e.problem);
    const onSuccess = (s: System) => navigate(`/systems/${s.id}`);
    if (!saved) {
      save.mutate(
        {
          kind: 'create',
          body: {
            name: name.trim(),
            description: description.trim(),
            supplier: supplier.trim(),
            criticality: criticality as Criticality,
            owner_id: owner || null,
            site_ids: siteIds,
            depends_on_ids: dependsOn,
          },
        },
        { onSuccess, onError },
      );
      return;
    }
    const body: UpdateSystemRequest = {};
    if (name.trim() !== saved.name) body.name = name.trim();
    if (description.trim() !== saved.description) body.description = description.trim();
    if (supplier.trim() !== saved.supplier) body.supplier = supplier.trim();
    if (criticality !== saved.criticality) body.criticality = criticality as Criticality;
    if ((owner || null) !== saved.owner_id) body.owner_id = owner || null;
    if (!sameList(siteIds, saved.site_ids)) body.site_ids = siteIds;
    if (!sameList(dependsOn, saved.depends_on_ids)) body.depends_on_ids = dependsOn;
    if (Object.keys(body).length === 0) {
      navigate(`/systems/${saved.id}`);
      return;
    }
    save.mutate({ kind: 'update', id: saved.id, version: saved.version, body }, { onSuccess, onError });
  }

  const backTo = saved ? `/systems/${saved.id}` : '/systems';
  return (
    <>
      <div className="nhsuk-back-link">
        <Link className="nhsuk-back-link__link" to={backTo}>
          {saved ? `Back to ${saved.name}` : 'All systems'}
        </Link>
      </div>
      {problem && <ErrorSummary problem={problem} />}
      <h1>{title}</h1>
      <form onSubmit={submit} noValidate>
        <TextInput id="name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={messages.name} maxLength={200} />
        <TextArea id="description" label="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} error={messages.description} rows={3} maxLength={2000} />
        <TextInput
          id="supplier"
          label="Supplier (optional)"
          hint="The company that provides it, or “in-house”."
          value={supplier}
          onChange={(e) => setSupplier(e.target.value)}
          error={messages.supplier}
          list="suppliers"
          maxLength={200}
        />
        <datalist id="suppliers">
          {suppliers.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <RadioGroup
          id="criticality"
          legend="How critical is it to patient care?"
          value={criticality}
          onChange={setCriticality}
          options={criticalities.map((c) => ({ value: c, label: criticalityLabels[c] }))}
          error={messages.criticality}
          inline
        />
        <SelectField id="owner_id" label="Accountable owner" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="No owner yet" options={owners} error={messages.owner_id} />
        <CheckboxList
          id="site_ids"
          legend="Sites where it is used"
          options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          selected={siteIds}
          onChange={setSiteIds}
          error={messages.site_ids}
        />
        <CheckboxList
          id="depends_on_ids"
          legend="Systems it depends on"
          hint="If one of these fails, this system may fail too."
          options={(systems.data ?? []).filter((s) => s.id !== saved?.id).map((s) => ({ value: s.id, label: s.name }))}
          selected={dependsOn}
          onChange={setDependsOn}
          error={messages.depends_on_ids}
        />
        <div className="app-cat-button-row">
          <button className="nhsuk-button" type="submit" disabled={save.isPending}>
            {saved ? 'Save changes' : 'Add the system'}
          </button>
          <Link to={backTo}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
