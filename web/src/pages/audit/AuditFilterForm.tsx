import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fieldMessages, type Problem } from '../../api/problem';
import TextInput from '../../components/TextInput';
import type { AuditFilterValues } from './auditFilters';
import { entityTypes } from './auditWords';

interface Props {
  /** The filters in force, from the address. */
  value: AuditFilterValues;
  /** Field errors to show beside the inputs. */
  problem: Problem | null;
  onApply: (v: AuditFilterValues) => void;
}

/** AuditFilterForm narrows the audit trail by what changed, who changed it and when. */
export default function AuditFilterForm({ value, problem, onApply }: Props) {
  const [form, setForm] = useState(value);
  // Back and forward change the address: show the filters it holds.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setForm(value);
  }
  const inline = fieldMessages(problem);
  const known = entityTypes.some((t) => t.value === form.entityType);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(form);
  }

  return (
    <form className="app-filters" role="search" aria-label="Audit log" onSubmit={submit} noValidate>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="entity_type">
              What changed
            </label>
            <select
              className="nhsuk-select app-select-full"
              id="entity_type"
              name="entity_type"
              value={form.entityType}
              onChange={(e) => setForm({ ...form, entityType: e.target.value })}
            >
              <option value="">Anything</option>
              {entityTypes.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
              {!known && form.entityType !== '' && <option value={form.entityType}>{form.entityType}</option>}
            </select>
          </div>
        </div>
        <div className="nhsuk-grid-column-two-thirds">
          <TextInput
            id="entity_id"
            label="Its ID (optional)"
            spellCheck={false}
            autoComplete="off"
            value={form.entityId}
            error={inline.entity_id}
            onChange={(e) => setForm({ ...form, entityId: e.target.value })}
          />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <TextInput
            id="actor"
            label="Changed by"
            hint="Their email address"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={form.actor}
            error={inline.actor}
            onChange={(e) => setForm({ ...form, actor: e.target.value })}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <TextInput
            id="from"
            label="From"
            hint="On or after this date"
            type="date"
            widthClass="app-input-date"
            value={form.from}
            error={inline.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <TextInput
            id="to"
            label="To"
            hint="On or before this date"
            type="date"
            widthClass="app-input-date"
            value={form.to}
            error={inline.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
          />
        </div>
      </div>
      <div className="nhsuk-button-group">
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
        <Link className="nhsuk-link" to="/audit">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
