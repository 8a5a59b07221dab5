import { useState } from 'react';
import { Link } from 'react-router';
import type { Cycle } from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import { decisionHints, decisionLabels } from './labels';
import RebasedChart from './RebasedChart';
import StageFieldsForm from './StageFieldsForm';
import SummaryItem from './SummaryItem';
import TextArea from '../../components/TextArea';

interface Props {
  cycle: Cycle;
  canManage: boolean;
  problem: Problem | null;
  onProblem: (p: Problem | null) => void;
}

const decisions = ['adopt', 'adapt', 'abandon'] as const;

/** ActSection records the decision — adopt, adapt or abandon — and why. */
export default function ActSection({ cycle, canManage, problem, onProblem }: Props) {
  const [decision, setDecision] = useState<string>(cycle.decision ?? '');
  const [rationale, setRationale] = useState(cycle.rationale);
  const errors = fieldMessages(problem);

  if (cycle.stage !== 'act' && cycle.stage !== 'closed') {
    return <p>Act decides what to do with the change once the study is written.</p>;
  }
  if (cycle.stage === 'closed' || !canManage) {
    return (
      <>
        <dl className="nhsuk-summary-list">
          <SummaryItem label="Decision">{cycle.decision ? decisionLabels[cycle.decision] : 'Not decided yet'}</SummaryItem>
          <SummaryItem label="Rationale">
            <span style={{ whiteSpace: 'pre-line' }}>{cycle.rationale || 'Not written yet'}</span>
          </SummaryItem>
          {cycle.next_cycle_id && (
            <SummaryItem label="Next cycle">
              <Link to={`/cycles/${cycle.next_cycle_id}`}>The adapted cycle</Link>
            </SummaryItem>
          )}
        </dl>
        {cycle.stage === 'closed' &&
          cycle.decision === 'adopt' &&
          cycle.measures
            .filter((m) => m.role === 'outcome')
            .map((m, i) => <RebasedChart key={m.standard_id} measure={m} index={i} />)}
      </>
    );
  }
  return (
    <StageFieldsForm
      cycle={cycle}
      submitLabel="Save the decision"
      onProblem={onProblem}
      body={() => ({ decision: (decision || null) as 'adopt' | 'adapt' | 'abandon' | null, rationale })}
    >
      <div className={`nhsuk-form-group${errors.decision ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset className="nhsuk-fieldset" id="decision" aria-describedby={errors.decision ? 'decision-error' : undefined}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Decision</legend>
          {errors.decision && (
            <span className="nhsuk-error-message" id="decision-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {errors.decision}
            </span>
          )}
          <div className="nhsuk-radios">
            {decisions.map((d) => (
              <div className="nhsuk-radios__item" key={d}>
                <input
                  className="nhsuk-radios__input"
                  id={`decision-${d}`}
                  name="decision"
                  type="radio"
                  value={d}
                  checked={decision === d}
                  aria-describedby={`decision-${d}-hint`}
                  onChange={() => setDecision(d)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`decision-${d}`}>
                  {decisionLabels[d]}
                </label>
                <div className="nhsuk-hint nhsuk-radios__hint" id={`decision-${d}-hint`}>
                  {decisionHints[d]}
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextArea
        id="rationale"
        label="Rationale"
        hint="Why, in the light of the study."
        rows={4}
        value={rationale}
        error={errors.rationale}
        onChange={(e) => setRationale(e.target.value)}
      />
    </StageFieldsForm>
  );
}
