import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ReviewDecision, ReviewItem } from '../../api/improvement';
import { cssEscapeId, fieldMessages, type Problem } from '../../api/problem';
import { formatDateTime, reasonLabels, reviewDecisionLabels } from '../cycles/labels';
import TextArea from '../../components/TextArea';

interface Props {
  item: ReviewItem;
  /** Whether the user may decide (the board, on an open review). */
  canDecide: boolean;
  pending: boolean;
  problem: Problem | null;
  onDecide: (decision: ReviewDecision, text: string) => void;
}

const decisions: readonly ReviewDecision[] = ['approved', 'changes_requested', 'noted', 'escalated'];

const kindLabels = { cycle: 'Cycle', standard: 'Standard', action: 'Action', other: 'Other business' } as const;

/** AgendaItemCard is one agenda item: why it is there, and the board's decision on it. */
export default function AgendaItemCard({ item, canDecide, pending, problem, onDecide }: Props) {
  const [decision, setDecision] = useState<string>(item.decision ?? '');
  const [text, setText] = useState(item.decision_text);
  const prefix = `item-${item.position}`;
  const errors = fieldMessages(problem);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (decision) onDecide(decision as ReviewDecision, text);
  }
  return (
    <li className="nhsuk-card app-agenda__item">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          {item.position}. {item.link ? <Link to={item.link}>{item.title}</Link> : item.title}
        </h3>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
          {kindLabels[item.kind]}
          {item.reasons.length > 0 && <> · {item.reasons.map((r) => reasonLabels[r] ?? r).join(', ')}</>}
          {item.source === 'manual' && ' · added by hand'}
        </p>
        {item.detail && <p>{item.detail}</p>}
        {item.decision && (
          <div className="nhsuk-inset-text nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-2">
            <span className="nhsuk-u-visually-hidden">Decision: </span>
            <p>
              <strong>{reviewDecisionLabels[item.decision]}</strong>
              {item.decision_text && <>: {item.decision_text}</>}
            </p>
            <p className="nhsuk-body-s">
              {item.decided_by_name ?? 'Recorded'}
              {item.decided_at && <>, {formatDateTime(item.decided_at)}</>}
            </p>
          </div>
        )}
        {canDecide && (
          <form onSubmit={submit} noValidate>
            <div className="nhsuk-form-group">
              <fieldset className="nhsuk-fieldset">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                  {item.decision ? 'Change the decision' : 'Decision'}
                  <span className="nhsuk-u-visually-hidden"> on item {item.position}</span>
                </legend>
                <div className="nhsuk-radios nhsuk-radios--small nhsuk-radios--inline">
                  {decisions.map((d) => (
                    <div className="nhsuk-radios__item" key={d}>
                      <input
                        className="nhsuk-radios__input"
                        id={`${prefix}-${d}`}
                        name={`${prefix}-decision`}
                        type="radio"
                        value={d}
                        checked={decision === d}
                        onChange={() => setDecision(d)}
                      />
                      <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${prefix}-${d}`}>
                        {reviewDecisionLabels[d]}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <TextArea
              id={`${prefix}-text`}
              label={`What the board decided on item ${item.position}`}
              hint="Required for changes requested and escalations: what is asked, and of whom."
              rows={2}
              value={text}
              error={errors[cssEscapeId('text')]}
              onChange={(e) => setText(e.target.value)}
            />
            <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit" disabled={pending || !decision}>
              Record the decision on item {item.position}
            </button>
          </form>
        )}
      </div>
    </li>
  );
}
