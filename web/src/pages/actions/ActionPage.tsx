import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useAction, useActionTimeline, useStandardOptions, useUpdateAction, type ActionStatus } from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import NotFoundPage from '../NotFoundPage';
import ImprovementTimeline from '../cycles/ImprovementTimeline';
import { actionStatusLabels, formatDay } from '../cycles/labels';
import SelectField from '../../components/SelectField';
import SummaryItem from '../cycles/SummaryItem';
import TextArea from '../../components/TextArea';
import ActionForm from './ActionForm';
import ActionStatusTag from './ActionStatusTag';

const statuses: readonly ActionStatus[] = ['open', 'in_progress', 'done', 'cancelled'];

/**
 * ActionPage is one action: what it is, who owns it and when it is due, its
 * progress (which its owner may update) and its timeline. Improvers may
 * change everything.
 */
export default function ActionPage() {
  const { id = '' } = useParams();
  const action = useAction(id);
  const timeline = useActionTimeline(id);
  const standards = useStandardOptions();
  const update = useUpdateAction(id);
  const { data: me } = useMe();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [editing, setEditing] = useState(false);
  const [progress, setProgress] = useState<{ status: string; description: string } | null>(null);
  usePageTitle(action.data ? action.data.title : 'Action', problem !== null);

  if (action.isPending) return <LoadingMessage />;
  if (action.isError) {
    if (action.error.problem.status === 404) return <NotFoundPage />;
    return <ServiceProblem problem={action.error.problem} onRetry={() => void action.refetch()} />;
  }
  const a = action.data;
  const manager = me?.permissions.includes('actions.manage') ?? false;
  const owner = me?.id === a.owner_id;
  const p = progress ?? { status: a.status, description: a.description };
  const errors = fieldMessages(problem);
  const save = (body: Parameters<typeof update.mutate>[0]['body']) =>
    update.mutate(
      { body, version: a.version },
      {
        onSuccess: () => {
          setProblem(null);
          setEditing(false);
          setProgress(null);
        },
        onError: (e) => setProblem(e.problem),
      },
    );

  function saveProgress(e: FormEvent) {
    e.preventDefault();
    save({ status: p.status as ActionStatus, description: p.description });
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} />}
        <span className="nhsuk-caption-l">Improvement action</span>
        <h1>{a.title}</h1>
        <p>
          <ActionStatusTag action={a} />
        </p>
        {editing ? (
          <ActionForm action={a} submitLabel="Save the action" pending={update.isPending} problem={problem} onSubmit={save} />
        ) : (
          <dl className="nhsuk-summary-list">
            <SummaryItem label="Owner">{a.owner_name}</SummaryItem>
            <SummaryItem label="Due on">{formatDay(a.due_on)}</SummaryItem>
            {a.completed_on && <SummaryItem label="Done on">{formatDay(a.completed_on)}</SummaryItem>}
            <SummaryItem label="Description">
              <span style={{ whiteSpace: 'pre-line' }}>{a.description || 'None'}</span>
            </SummaryItem>
            <SummaryItem label="Expected effect">{a.expected_effect || 'None'}</SummaryItem>
            <SummaryItem label="Cycle">{a.cycle_id ? <Link to={`/cycles/${a.cycle_id}`}>{a.cycle_title}</Link> : 'None'}</SummaryItem>
            <SummaryItem label="Standards">
              {a.standard_ids.length === 0
                ? 'None'
                : a.standard_ids.map((sid, i) => {
                    const s = standards.data?.find((x) => x.id === sid);
                    return (
                      <span key={sid}>
                        {i > 0 && ', '}
                        <Link to={`/standards/${sid}`}>{s ? `${s.code} ${s.title}` : 'A standard'}</Link>
                      </span>
                    );
                  })}
            </SummaryItem>
          </dl>
        )}
        {manager && !editing && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setEditing(true)}>
            Change the action
          </button>
        )}
        {(owner || manager) && !editing && (
          <form onSubmit={saveProgress} noValidate className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">Update progress</h2>
              <SelectField
                id="status"
                label="Status"
                value={p.status}
                options={statuses.map((s) => ({ value: s, label: actionStatusLabels[s] }))}
                error={errors.status}
                onChange={(e) => setProgress({ ...p, status: e.target.value })}
              />
              <TextArea
                id="description"
                label="Description and progress notes"
                rows={3}
                value={p.description}
                error={errors.description}
                onChange={(e) => setProgress({ ...p, description: e.target.value })}
              />
              <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit" disabled={update.isPending}>
                Save progress
              </button>
            </div>
          </form>
        )}
        <h2>Timeline</h2>
        {timeline.isPending && <LoadingMessage />}
        {timeline.isError && <p>The timeline could not be loaded. Try again later.</p>}
        {timeline.data && <ImprovementTimeline events={timeline.data} />}
        <p>
          <Link to="/actions">Back to my actions</Link>
        </p>
      </div>
    </div>
  );
}
