import { Link } from 'react-router';
import type { SystemRef } from '../../api/standards';
import { criticalityLabels } from '../standards/labels';

interface Props {
  systems: readonly SystemRef[];
  /** What to say when the list is empty. */
  none: string;
}

/** SystemLinks lists systems as links, with their criticality. */
export default function SystemLinks({ systems, none }: Props) {
  if (systems.length === 0) return <>{none}</>;
  return (
    <ul className="nhsuk-list app-cat-inline-list">
      {systems.map((s) => (
        <li key={s.id}>
          <Link to={`/systems/${s.id}`}>{s.name}</Link> <span className="app-cat-muted">({criticalityLabels[s.criticality].toLowerCase()})</span>
        </li>
      ))}
    </ul>
  );
}

