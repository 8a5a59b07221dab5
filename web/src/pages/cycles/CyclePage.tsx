import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCycle, useCycleTimeline } from '../../api/improvement';
import type { Problem } from '../../api/problem';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import NotFoundPage from '../NotFoundPage';
import ActSection from './ActSection';
import DoSection from './DoSection';
import { withFieldNames } from './fieldNames';
import ImprovementTimeline from './ImprovementTimeline';
import { stageLabels } from './labels';
import PlanSection from './PlanSection';
import StageTag from './StageTag';
import StudySection from './StudySection';
import TransitionPanel from './TransitionPanel';
import './cycles.css';

const steps = ['plan', 'do', 'study', 'act', 'closed'] as const;

/**
 * CyclePage is one PDSA cycle: its stage, the Plan, Do, Study (with the
 * evidence charts) and Act sections, the way on, and its timeline.
 */
export default function CyclePage() {
  const { id = '' } = useParams();
  const cycle = useCycle(id);
  const timeline = useCycleTimeline(id);
  const { data: me } = useMe();
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle(cycle.data ? cycle.data.title : 'Cycle', problem !== null);
  // Memoised: the summary takes focus whenever it is given a new problem.
  const summary = useMemo(() => (problem ? withFieldNames(problem) : null), [problem]);

  if (cycle.isPending) return <LoadingMessage />;
  if (cycle.isError) {
    if (cycle.error.problem.status === 404) return <NotFoundPage />;
    return <ServiceProblem problem={cycle.error.problem} onRetry={() => void cycle.refetch()} />;
  }
  const c = cycle.data;
  const canManage = me?.permissions.includes('cycles.manage') ?? false;
  const at = steps.indexOf(c.stage as (typeof steps)[number]);
  const sectionProps = { cycle: c, canManage, problem, onProblem: setProblem };
  // Sections re-mount when the stage changes: each stage edits other fields.
  const k = `${c.id}-${c.stage}`;

  return (
    <>
      {summary && <ErrorSummary problem={summary} />}
      <span className="nhsuk-caption-l">
        PDSA cycle{c.sequence > 1 || c.next_cycle_id ? ` ${c.sequence} of its ramp` : ''}
      </span>
      <h1>{c.title}</h1>
      <p>
        <StageTag stage={c.stage} /> {c.owner_name && <>Owner: {c.owner_name}</>}
      </p>
      <ol className="app-stages" aria-label="Stages">
        {steps.map((s, i) => (
          <li key={s} aria-current={s === c.stage ? 'step' : undefined} className={at > i ? 'app-stages__done' : undefined}>
            {stageLabels[s]}
            {at > i && <span className="nhsuk-u-visually-hidden"> (done)</span>}
          </li>
        ))}
        {c.stage === 'abandoned' && <li aria-current="step">{stageLabels.abandoned}</li>}
      </ol>
      {(c.previous_cycle_id || c.next_cycle_id) && (
        <p>
          {c.previous_cycle_id && <Link to={`/cycles/${c.previous_cycle_id}`}>Previous cycle of this ramp</Link>}
          {c.previous_cycle_id && c.next_cycle_id && ' · '}
          {c.next_cycle_id && <Link to={`/cycles/${c.next_cycle_id}`}>Next cycle of this ramp</Link>}
        </p>
      )}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-full">
          <section aria-labelledby="plan-heading">
            <h2 id="plan-heading">Plan</h2>
            <PlanSection key={`plan-${k}`} {...sectionProps} />
          </section>
          <section aria-labelledby="do-heading">
            <h2 id="do-heading">Do</h2>
            <DoSection key={`do-${k}`} {...sectionProps} />
          </section>
          <section aria-labelledby="study-heading">
            <h2 id="study-heading">Study</h2>
            <StudySection key={`study-${k}`} {...sectionProps} />
          </section>
          <section aria-labelledby="act-heading">
            <h2 id="act-heading">Act</h2>
            <ActSection key={`act-${k}`} {...sectionProps} />
          </section>
          {canManage && <TransitionPanel cycle={c} onProblem={setProblem} />}
          <h2>Timeline</h2>
          {timeline.isPending && <LoadingMessage />}
          {timeline.isError && <p>The timeline could not be loaded. Try again later.</p>}
          {timeline.data && <ImprovementTimeline events={timeline.data} />}
          <p>
            <Link to="/cycles">Back to the cycles board</Link>
          </p>
        </div>
      </div>
    </>
  );
}
