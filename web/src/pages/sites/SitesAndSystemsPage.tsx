import { Link } from 'react-router';
import { useSites, useSystems } from '../../api/standards';
import { useMe } from '../../api/useMe';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import '../standards/catalogue.css';

/** SitesAndSystemsPage is the administrators' way in to the sites and systems, and the standards catalogue. */
export default function SitesAndSystemsPage({ title }: PageProps) {
  usePageTitle(title);
  const { data: me } = useMe();
  const sites = useSites();
  const systems = useSystems();
  const canManageSites = me?.permissions.includes('sites.manage') ?? false;
  const canManageStandards = me?.permissions.includes('standards.manage') ?? false;
  const count = (n: number | undefined, one: string, many: string) => (n === undefined ? '' : `${n} ${n === 1 ? one : many}. `);
  return (
    <>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">
        Keep the catalogue up to date: the hospital sites, the IT systems used at them, who owns each system, and the
        standards they are held to.
      </p>
      <ul className="app-card-group" aria-label="What you can manage">
        <li>
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-s">
                <Link className="nhsuk-card__link" to="/sites">
                  Sites
                </Link>
              </h2>
              <p className="nhsuk-card__description">
                {count(sites.data?.length, 'site', 'sites')}Hospital sites and departments where IT is used.
              </p>
            </div>
          </div>
        </li>
        <li>
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-s">
                <Link className="nhsuk-card__link" to="/systems">
                  IT systems
                </Link>
              </h2>
              <p className="nhsuk-card__description">
                {count(systems.data?.length, 'system', 'systems')}Suppliers, criticality, owners, sites and what each depends on.
              </p>
            </div>
          </div>
        </li>
        <li>
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-s">
                <Link className="nhsuk-card__link" to="/standards">
                  Standards
                </Link>
              </h2>
              <p className="nhsuk-card__description">Thresholds, targets, owners and the systems each standard covers.</p>
            </div>
          </div>
        </li>
      </ul>
      <h2>Add to the catalogue</h2>
      <ul className="nhsuk-list">
        {canManageSites && (
          <>
            <li>
              <Link to="/sites/new">Add a site</Link>
            </li>
            <li>
              <Link to="/systems/new">Add a system</Link>
            </li>
          </>
        )}
        {canManageStandards && (
          <li>
            <Link to="/standards/new">Add a standard</Link>
          </li>
        )}
      </ul>
    </>
  );
}
