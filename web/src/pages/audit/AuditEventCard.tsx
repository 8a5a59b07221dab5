import { Link } from 'react-router';
import type { AuditEvent } from '../../api/audit';
import { auditDiff } from './auditDiff';
import AuditDiffTable from './AuditDiffTable';
import { filtersToParams, noFilters } from './auditFilters';
import { describeAction, entityLabel } from './auditWords';
import { formatDateTime } from './dates';

interface Props {
  event: AuditEvent;
}

/** AuditEventCard is one event of the audit trail: what happened, to what, by whom, when, and what changed. */
export default function AuditEventCard({ event: e }: Props) {
  const rows = auditDiff(e.before, e.after);
  const actorId = e.actor_user_id ?? e.actor_token_id;
  const entityLink = `/audit?${filtersToParams({ ...noFilters, entityType: e.entity_type, entityId: e.entity_id }).toString()}`;
  const actorLink = actorId ? `/audit?${filtersToParams({ ...noFilters, actor: actorId }).toString()}` : null;
  return (
    <li className="nhsuk-card app-audit-event">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">{describeAction(e.action)}</h3>
        <dl className="nhsuk-summary-list nhsuk-summary-list--no-border app-audit-event__meta">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">When</dt>
            <dd className="nhsuk-summary-list__value">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">By</dt>
            <dd className="nhsuk-summary-list__value app-break-anywhere">
              {actorLink ? (
                <Link to={actorLink} title="Show only what they did">
                  {e.actor_label}
                </Link>
              ) : (
                e.actor_label || 'Unknown'
              )}
              {e.actor_token_id && <> (API token)</>}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{entityLabel(e.entity_type)}</dt>
            <dd className="nhsuk-summary-list__value app-break-anywhere">
              {e.entity_id ? (
                <Link to={entityLink} title="Show only events for this">
                  {e.entity_id}
                </Link>
              ) : (
                'Not recorded'
              )}
            </dd>
          </div>
        </dl>
        {rows.length > 0 ? <AuditDiffTable rows={rows} /> : <p className="nhsuk-body-s">No details were recorded.</p>}
        <details className="nhsuk-details app-audit-event__technical">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Technical details</span>
          </summary>
          <div className="nhsuk-details__text">
            <dl className="nhsuk-summary-list">
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Event number</dt>
                <dd className="nhsuk-summary-list__value">{e.seq}</dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Action</dt>
                <dd className="nhsuk-summary-list__value app-break-anywhere">{e.action}</dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Request ID</dt>
                <dd className="nhsuk-summary-list__value app-break-anywhere">{e.request_id || 'None'}</dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Hash</dt>
                <dd className="nhsuk-summary-list__value app-break-anywhere">{e.hash}</dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Previous hash</dt>
                <dd className="nhsuk-summary-list__value app-break-anywhere">{e.prev_hash || 'None'}</dd>
              </div>
            </dl>
          </div>
        </details>
      </div>
    </li>
  );
}
