import { Link } from 'react-router';
import { useMe } from '../api/useMe';
import ActionLink from '../components/ActionLink';
import { navFor } from '../lib/navigation';
import { describeRole, firstName } from '../lib/roles';
import { usePageTitle } from '../lib/usePageTitle';
import { appRoutes, type PageProps } from '../routes';

/** HomePage greets the user and says what their roles let them do. */
export default function HomePage({ title }: PageProps) {
  usePageTitle(title);
  const { data: me } = useMe();
  if (!me) return null;
  const roles = me.roles.map(describeRole);
  const sections = navFor(appRoutes, me.permissions);
  return (
    <>
      <h1>Hello, {firstName(me.name)}</h1>
      <p className="nhsuk-body-l">
        Assure holds your organisation&rsquo;s clinical IT to agreed minimum standards, and tracks the improvement
        work that follows when it falls short.
      </p>

      {me.permissions.includes('issues.create') && <ActionLink to="/report">Report an IT problem</ActionLink>}

      <h2>What you can do</h2>
      {roles.length === 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>You have no roles yet. Ask the Assure administrator in your organisation to give you one.</p>
        </div>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {roles.map((r) => (
            <li key={r.name}>
              <strong>As {/^[aeiou]/i.test(r.name) ? 'an' : 'a'} {r.name.toLowerCase()}</strong>
              {r.canDo && <>: {r.canDo.charAt(0).toLowerCase() + r.canDo.slice(1)}</>}
            </li>
          ))}
        </ul>
      )}

      {sections.length > 0 && (
        <ul className="app-card-group" aria-label="Parts of Assure you can use">
          {sections.map((s) => (
            <li key={s.to}>
              <div className="nhsuk-card nhsuk-card--clickable">
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s">
                    <Link className="nhsuk-card__link" to={s.to}>
                      {s.label}
                    </Link>
                  </h3>
                  <p className="nhsuk-card__description">{s.summary}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}

      <h2>Your account</h2>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Name</dt>
          <dd className="nhsuk-summary-list__value">{me.name}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Email address</dt>
          <dd className="nhsuk-summary-list__value">{me.email}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Roles</dt>
          <dd className="nhsuk-summary-list__value app-role-tags">
            {roles.length === 0
              ? 'None'
              : roles.map((r) => (
                  <strong key={r.name} className="nhsuk-tag nhsuk-tag--blue">
                    {r.name}
                  </strong>
                ))}
          </dd>
        </div>
      </dl>
    </>
  );
}
