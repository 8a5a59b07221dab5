import type { Action } from '../../api/improvement';
import { actionStatusLabels, actionStatusTagClass } from '../cycles/labels';

/** ActionStatusTag is an action's status, and "Overdue" when it is. */
export default function ActionStatusTag({ action }: { action: Pick<Action, 'status' | 'overdue' | 'days_overdue'> }) {
  return (
    <>
      <strong className={`nhsuk-tag ${actionStatusTagClass[action.status]}`}>{actionStatusLabels[action.status]}</strong>
      {action.overdue && (
        <>
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--red">
            Overdue{action.days_overdue > 0 ? ` ${action.days_overdue} ${action.days_overdue === 1 ? 'day' : 'days'}` : ''}
          </strong>
        </>
      )}
    </>
  );
}
