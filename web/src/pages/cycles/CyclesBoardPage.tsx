import { Link } from 'react-router';
import { useCycles, type Cycle, type CycleStage } from '../../api/improvement';
import { useMe } from '../../api/useMe';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import type { PageProps } from '../../routes';
import { usePageTitle } from '../../lib/usePageTitle';
import { formatDay, stageLabels, stages } from './labels';
import './cycles.css';

const stageHints: Record<CycleStage, string> = {
  plan: 'Aim, change idea, measures and predictions.',
  do: 'The change is being tried.',
  study: 'Results against predictions; awaiting the board’s sign-off.',
  act: 'Awaiting the decision: adopt, adapt or abandon.',
  closed: 'Decided.',
  abandoned: 'Stopped before a decision.',
};

function CycleCard({ cycle }: { cycle: Cycle }) {
  const outcome = cycle.measures.filter((m) => m.role === 'outcome').map((m) => m.code);
  return (
    <li className="app-board__card">
      <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
        <Link to={`/cycles/${cycle.id}`}>{cycle.title}</Link>
      </h4>
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
        {cycle.owner_name ?? 'No owner yet'}
        {outcome.length > 0 && <> · {outcome.join(', ')}</>}
      </p>
      {cycle.do_started_on && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0 nhsuk-u-secondary-text-colour">Change on {formatDay(cycle.do_started_on)}</p>
      )}
      {cycle.decision && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          <strong>Decision: {cycle.decision}</strong>
        </p>
      )}
    </li>
  );
}

/** CyclesBoardPage shows every PDSA cycle in a column for its stage. */
export default function CyclesBoardPage({ title }: PageProps) {
  usePageTitle(title);
  const cycles = useCycles();
  const { data: me } = useMe();
  const canPlan = me?.permissions.includes('cycles.manage') ?? false;

  return (
    <>
      <h1>PDSA cycles</h1>
      <p className="nhsuk-lede-text">
        Plan, Do, Study, Act: each cycle tests one change, predicts what it will do to the standards it measures, and is
        judged on the evidence.
      </p>
      {canPlan && (
        <Link className="nhsuk-button" to="/cycles/new" role="button" draggable={false}>
          Plan a cycle
        </Link>
      )}
      {cycles.isPending && <LoadingMessage />}
      {cycles.isError && <ServiceProblem problem={cycles.error.problem} onRetry={() => void cycles.refetch()} />}
      {cycles.data && (
        <div className="app-board" aria-label="Cycles by stage">
          {stages.map((stage) => {
            const inStage = cycles.data.filter((c) => c.stage === stage);
            const headingId = `stage-${stage}`;
            return (
              <section key={stage} className={`app-board__column app-board__column--${stage}`} aria-labelledby={headingId}>
                <h2 className="nhsuk-heading-s app-board__heading" id={headingId}>
                  {stageLabels[stage]} <span className="app-board__count">({inStage.length})</span>
                </h2>
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">{stageHints[stage]}</p>
                {inStage.length === 0 ? (
                  <p className="nhsuk-body-s">None.</p>
                ) : (
                  <ul className="nhsuk-list app-board__list">
                    {inStage.map((c) => (
                      <CycleCard key={c.id} cycle={c} />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
