import { Link, useSearchParams } from 'react-router';
import { useActions, type ActionQuery } from '../../api/improvement';
import { useMe } from '../../api/useMe';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import ActionsTable from './ActionsTable';
import './actions.css';

type View = 'mine' | 'overdue' | 'all';

const views: { view: View; label: string }[] = [
  { view: 'mine', label: 'My actions' },
  { view: 'overdue', label: 'Overdue' },
  { view: 'all', label: 'All actions' },
];

function queryFor(view: View): ActionQuery {
  switch (view) {
    case 'mine':
      return { owner_id: 'me', status: 'open,in_progress', limit: 500 };
    case 'overdue':
      return { overdue: true, limit: 500 };
    default:
      return { limit: 500 };
  }
}

/**
 * ActionsPage is "My actions" (what you own and have still to do), the
 * overdue actions, and every action, soonest due first.
 */
export default function ActionsPage({ title }: PageProps) {
  const [params, setParams] = useSearchParams();
  const raw = params.get('view');
  const view: View = raw === 'overdue' || raw === 'all' ? raw : 'mine';
  const actions = useActions(queryFor(view));
  const { data: me } = useMe();
  const canCreate = me?.permissions.includes('actions.manage') ?? false;
  usePageTitle(view === 'mine' ? 'My actions' : title);

  return (
    <>
      <h1>{view === 'mine' ? 'My actions' : view === 'overdue' ? 'Overdue actions' : 'All actions'}</h1>
      <nav aria-label="Which actions">
        <ul className="app-tabs">
          {views.map((v) => (
            <li key={v.view}>
              {v.view === view ? (
                <strong aria-current="page">{v.label}</strong>
              ) : (
                <Link to={`/actions?view=${v.view}`} onClick={(e) => { e.preventDefault(); setParams({ view: v.view }); }}>
                  {v.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {view === 'mine' && <p>The actions you own and have still to do. As the owner you can update their progress.</p>}
      {canCreate && (
        <Link className="nhsuk-button" to="/actions/new" role="button" draggable={false}>
          Add an action
        </Link>
      )}
      {actions.isPending && <LoadingMessage />}
      {actions.isError && <ServiceProblem problem={actions.error.problem} onRetry={() => void actions.refetch()} />}
      {actions.data && <ActionsTable actions={actions.data} caption={title} showOwner={view !== 'mine'} />}
    </>
  );
}
