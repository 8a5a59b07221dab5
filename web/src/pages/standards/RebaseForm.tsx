import { useState, type FormEvent } from 'react';
import { validationProblem, fieldMessages, type Problem } from '../../api/problem';
import { useCreateRebase, type StandardPeriod } from '../../api/standards';
import ErrorSummary from '../../components/ErrorSummary';
import { formatPeriod } from '../../lib/spc';
import SelectField from '../../components/SelectField';

interface Props {
  standardId: string;
  period: StandardPeriod;
  /** The chart's period starts, oldest first. */
  periods: readonly string[];
}

const fieldIds = { period: 'rebase-period', reason: 'rebase-reason' };

/**
 * RebaseForm records a recalculation of the SPC limits (owners and admins):
 * from the period chosen, the chart's limits are computed afresh.
 */
export default function RebaseForm({ standardId, period, periods }: Props) {
  const create = useCreateRebase(standardId);
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const messages = fieldMessages(problem, fieldIds);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const errors = [];
    if (!from) errors.push({ field: 'period', message: 'Choose the period the change took effect from' });
    if (!reason.trim()) errors.push({ field: 'reason', message: 'Say why the limits should be recalculated' });
    if (errors.length > 0) {
      setProblem(validationProblem(errors));
      return;
    }
    create.mutate(
      { period: from, reason: reason.trim() },
      {
        onSuccess: (r) => {
          setProblem(null);
          setReason('');
          setFrom('');
          setDone(`The limits are now recalculated from ${formatPeriod(r.period, period)}.`);
        },
        onError: (e) => setProblem(e.problem),
      },
    );
  }

  return (
    <section className="app-cat-section" aria-labelledby="rebase-heading">
      <h2 id="rebase-heading">Record a recalculation</h2>
      <p>
        When a change to the process has been made (for example, a PDSA cycle&rsquo;s change was adopted), the chart&rsquo;s
        limits should be worked out again from the period it took effect. Earlier periods keep their limits.
      </p>
      {done && (
        <div className="nhsuk-inset-text app-cat-success" role="status">
          <span className="nhsuk-u-visually-hidden">Success: </span>
          <p>{done}</p>
        </div>
      )}
      {problem && <ErrorSummary problem={problem} options={{ fieldIds }} />}
      <form onSubmit={submit} noValidate>
        <SelectField
          id="rebase-period"
          label="Recalculate the limits from"
          hint="The first period the change applied to."
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          placeholder="Choose a period"
          options={[...periods].reverse().map((p) => ({ value: p, label: formatPeriod(p, period) }))}
          error={messages['rebase-period']}
        />
        <div className={`nhsuk-form-group${messages['rebase-reason'] ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="rebase-reason">
            Why
          </label>
          <div className="nhsuk-hint" id="rebase-reason-hint">
            For example, &ldquo;Tap-and-go log-in adopted on every ward&rdquo;.
          </div>
          {messages['rebase-reason'] && (
            <span className="nhsuk-error-message" id="rebase-reason-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {messages['rebase-reason']}
            </span>
          )}
          <textarea
            className={`nhsuk-textarea${messages['rebase-reason'] ? ' nhsuk-textarea--error' : ''}`}
            id="rebase-reason"
            name="reason"
            rows={3}
            maxLength={2000}
            value={reason}
            aria-describedby={`rebase-reason-hint${messages['rebase-reason'] ? ' rebase-reason-error' : ''}`}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={create.isPending}>
          Record the recalculation
        </button>
      </form>
    </section>
  );
}
