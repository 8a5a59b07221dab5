import type { CycleMeasureRequest, StandardOption } from '../../api/improvement';
import { cssEscapeId } from '../../api/problem';
import { directionLabels, roleLabels } from './labels';
import SelectField from '../../components/SelectField';

/** MeasureRow is one measure as the form holds it (numbers as typed). */
export interface MeasureRow {
  standard_id: string;
  role: string;
  predicted_direction: string;
  predicted_change: string;
}

export function toMeasureRequest(r: MeasureRow): CycleMeasureRequest {
  const out: CycleMeasureRequest = { standard_id: r.standard_id, role: r.role as CycleMeasureRequest['role'] };
  if (r.predicted_direction) out.predicted_direction = r.predicted_direction as NonNullable<CycleMeasureRequest['predicted_direction']>;
  if (r.predicted_change.trim() !== '') out.predicted_change = Number(r.predicted_change);
  return out;
}

interface Props {
  rows: readonly MeasureRow[];
  standards: readonly StandardOption[];
  errors: Record<string, string>;
  onChange: (rows: MeasureRow[]) => void;
}

const roleOptions = (['outcome', 'process', 'balancing'] as const).map((r) => ({ value: r, label: roleLabels[r] }));
const directionOptions = (['increase', 'decrease', 'no_change'] as const).map((d) => ({ value: d, label: directionLabels[d] }));

/**
 * MeasuresEditor edits a cycle's measures: the standards it measures, the
 * role of each (at least one outcome) and the prediction — which way, and by
 * how much in the standard's unit.
 */
export default function MeasuresEditor({ rows, standards, errors, onChange }: Props) {
  const groupError = errors.measures;
  function set(i: number, patch: Partial<MeasureRow>) {
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  }
  const unitOf = (id: string) => standards.find((s) => s.id === id)?.unit ?? '';
  return (
    <fieldset className={`nhsuk-fieldset nhsuk-form-group${groupError ? ' nhsuk-form-group--error' : ''}`} id="measures" tabIndex={-1}>
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Measures and predictions</legend>
      <div className="nhsuk-hint">
        The standards this cycle measures. At least one is an outcome; a balancing measure watches for harm elsewhere. Predict
        which way each will move and by how much, in its unit (for no change: how much it may wander).
      </div>
      {groupError && (
        <span className="nhsuk-error-message">
          <span className="nhsuk-u-visually-hidden">Error:</span> {groupError}
        </span>
      )}
      {rows.map((r, i) => {
        const id = (f: string) => cssEscapeId(`measures[${i}].${f}`);
        const unit = unitOf(r.standard_id);
        return (
          <div key={i} className="nhsuk-card nhsuk-u-margin-bottom-3">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-heading-xs">Measure {i + 1}</h3>
              <SelectField
                id={id('standard_id')}
                label="Standard"
                value={r.standard_id}
                placeholder="Choose a standard"
                options={standards.map((s) => ({ value: s.id, label: `${s.code} ${s.title}` }))}
                error={errors[id('standard_id')]}
                onChange={(e) => set(i, { standard_id: e.target.value })}
              />
              <SelectField
                id={id('role')}
                label="Role"
                value={r.role}
                options={roleOptions}
                error={errors[id('role')]}
                onChange={(e) => set(i, { role: e.target.value })}
              />
              <SelectField
                id={id('predicted_direction')}
                label="Predicted direction"
                value={r.predicted_direction}
                placeholder="Not predicted yet"
                options={directionOptions}
                error={errors[id('predicted_direction')]}
                onChange={(e) => set(i, { predicted_direction: e.target.value })}
              />
              <div className={`nhsuk-form-group${errors[id('predicted_change')] ? ' nhsuk-form-group--error' : ''}`}>
                <label className="nhsuk-label" htmlFor={id('predicted_change')}>
                  Predicted size of the change{unit ? ` (${unit})` : ''}
                </label>
                {errors[id('predicted_change')] && (
                  <span className="nhsuk-error-message">
                    <span className="nhsuk-u-visually-hidden">Error:</span> {errors[id('predicted_change')]}
                  </span>
                )}
                <input
                  className={`nhsuk-input nhsuk-input--width-5${errors[id('predicted_change')] ? ' nhsuk-input--error' : ''}`}
                  id={id('predicted_change')}
                  name={id('predicted_change')}
                  inputMode="decimal"
                  value={r.predicted_change}
                  onChange={(e) => set(i, { predicted_change: e.target.value })}
                />
              </div>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                Remove measure {i + 1}
              </button>
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() => onChange([...rows, { standard_id: '', role: rows.length === 0 ? 'outcome' : 'process', predicted_direction: '', predicted_change: '' }])}
      >
        Add a measure
      </button>
    </fieldset>
  );
}
