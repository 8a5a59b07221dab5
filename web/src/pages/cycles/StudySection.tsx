import { useState } from 'react';
import { useCycleEvidence, type Cycle } from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import LoadingMessage from '../../components/LoadingMessage';
import EvidenceChart from './EvidenceChart';
import StageFieldsForm from './StageFieldsForm';
import SummaryItem from './SummaryItem';
import TextArea from '../../components/TextArea';

interface Props {
  cycle: Cycle;
  canManage: boolean;
  problem: Problem | null;
  onProblem: (p: Problem | null) => void;
}

/**
 * StudySection shows the computed evidence for every measure — before and
 * after the change — and the improver's summary of the results against the
 * predictions.
 */
export default function StudySection({ cycle, canManage, problem, onProblem }: Props) {
  const reached = cycle.stage !== 'plan' && cycle.stage !== 'do';
  const evidence = useCycleEvidence(cycle.id, cycle.do_started_on !== null && cycle.stage !== 'plan');
  const [summary, setSummary] = useState(cycle.study_summary);
  const editing = canManage && (cycle.stage === 'study' || cycle.stage === 'act');
  const errors = fieldMessages(problem);

  if (cycle.stage === 'plan') return <p>Study compares each measure before and after the change, once Do has started.</p>;
  return (
    <>
      {!reached && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Do is under way. The evidence so far is shown; the written study comes once Do is complete.</p>
        </div>
      )}
      {evidence.isPending && <LoadingMessage text="Working out the evidence…" />}
      {evidence.isError && <p>The evidence could not be worked out: {evidence.error.problem.detail ?? evidence.error.problem.title}</p>}
      {evidence.data &&
        evidence.data.measures.map((m, i) => (
          <EvidenceChart key={m.standard_id} measure={m} doStartedOn={evidence.data.do_started_on} index={i} />
        ))}
      {reached &&
        (editing ? (
          <StageFieldsForm cycle={cycle} submitLabel="Save the study" onProblem={onProblem} body={() => ({ study_summary: summary })}>
            <TextArea
              id="study_summary"
              label="Summary of the results against the predictions"
              hint="What the evidence shows, measure by measure, and what you learned."
              rows={5}
              value={summary}
              error={errors.study_summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          </StageFieldsForm>
        ) : (
          <dl className="nhsuk-summary-list">
            <SummaryItem label="Summary">
              <span style={{ whiteSpace: 'pre-line' }}>{cycle.study_summary || 'Not written yet'}</span>
            </SummaryItem>
          </dl>
        ))}
    </>
  );
}
