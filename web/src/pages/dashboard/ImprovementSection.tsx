import { Link } from 'react-router';
import type { Dashboard, DashboardEffect } from '../../api/dashboard';
import { formatDay, formatValue, plural, stageWords } from './format';

interface Props {
  improvement: Dashboard['improvement'];
}

const reasonWords: Record<string, string> = {
  awaiting_study_sign_off: 'In Study: results to sign off',
  awaiting_act_decision: 'In Act: adopt, adapt or abandon',
  on_agenda: 'On the agenda',
};

function Effect({ e }: { e: DashboardEffect }) {
  const verdict = e.better === null ? '' : e.better ? ' (better)' : ' (not better)';
  return (
    <li>
      <Link to={e.standard.link}>
        {e.standard.code} {e.standard.title}
      </Link>
      : mean {formatValue(e.mean_before, e.standard.unit)} before, {formatValue(e.mean_after, e.standard.unit)} since{' '}
      {formatDay(e.change_period)}
      {verdict}
    </li>
  );
}

/**
 * ImprovementSection is the improvement work: cycles by stage, changes
 * adopted in the last three months with their effect, overdue actions by
 * owner, and what waits for the board.
 */
export default function ImprovementSection({ improvement: im }: Props) {
  const total = im.cycles_by_stage.reduce((n, s) => n + s.count, 0);
  return (
    <>
      <h3 className="nhsuk-heading-s">PDSA cycles by stage</h3>
      {total === 0 ? (
        <p>No cycles yet.</p>
      ) : (
        <ul className="app-stages" aria-label="Cycles by stage">
          {im.cycles_by_stage.map((s) => (
            <li key={s.stage} className="app-stages__stage">
              <Link to={s.link} className="app-stages__link">
                <span className="app-stages__count">{s.count}</span>
                <span className="app-stages__name">{stageWords[s.stage] ?? s.stage}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <h3 className="nhsuk-heading-s">Changes adopted since {formatDay(im.adopted_since)}</h3>
          {im.adopted_changes.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul className="nhsuk-list app-adopted">
              {im.adopted_changes.map((a) => (
                <li key={a.cycle.id}>
                  <Link to={a.cycle.link}>{a.cycle.name}</Link>, adopted {formatDay(a.adopted_on)}
                  {a.effects.length > 0 && (
                    <ul className="nhsuk-list nhsuk-list--bullet app-adopted__effects">
                      {a.effects.map((e) => (
                        <Effect key={e.standard.id} e={e} />
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="nhsuk-grid-column-one-half">
          <h3 className="nhsuk-heading-s">Overdue actions by owner</h3>
          {im.overdue_actions.length === 0 ? (
            <p>No action is overdue.</p>
          ) : (
            <ul className="nhsuk-list app-overdue">
              {im.overdue_actions.map((o) => (
                <li key={o.owner.id}>
                  <Link to={o.owner.link}>{o.owner.name || 'An owner no longer listed'}</Link>:{' '}
                  {plural(o.count, 'action', 'actions')} overdue
                  <ul className="nhsuk-list nhsuk-list--bullet app-overdue__actions">
                    {o.actions.map((a) => (
                      <li key={a.id}>
                        <Link to={a.link}>{a.title}</Link>, due {formatDay(a.due_on)} ({plural(a.days_overdue, 'day', 'days')}{' '}
                        late)
                      </li>
                    ))}
                    {o.count > o.actions.length && (
                      <li>
                        <Link to={o.owner.link}>{plural(o.count - o.actions.length, 'more', 'more')}</Link>
                      </li>
                    )}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <h3 className="nhsuk-heading-s">Awaiting the board</h3>
      {im.awaiting_board.length === 0 ? (
        <p>Nothing is waiting for a decision.</p>
      ) : (
        <ul className="nhsuk-list app-awaiting">
          {im.awaiting_board.map((a, i) => (
            <li key={`${a.kind}-${a.id ?? i}`}>
              <Link to={a.link}>{a.title}</Link>{' '}
              <span className="app-awaiting__reason">
                {reasonWords[a.reason] ?? a.reason}
                {a.review && (
                  <>
                    {' '}
                    of <Link to={a.review.link}>{a.review.title}</Link> on {formatDay(a.review.meeting_date)}
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {im.awaiting_board_total > im.awaiting_board.length && (
        <p>And {plural(im.awaiting_board_total - im.awaiting_board.length, 'more item', 'more items')} awaiting the board.</p>
      )}
    </>
  );
}
