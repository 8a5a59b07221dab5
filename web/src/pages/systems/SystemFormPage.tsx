import { Link, useParams } from 'react-router';
import type { ProblemError } from '../../api/problem';
import { useSystem } from '../../api/standards';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import type { PageProps } from '../../routes';
import SystemEditor from './SystemEditor';
import '../standards/catalogue.css';

/** SystemFormPage adds a system (/systems/new) or changes one (/systems/:id/edit). */
export default function SystemFormPage({ title }: PageProps) {
  const { id } = useParams();
  const existing = useSystem(id ?? '', id !== undefined);
  if (id === undefined) return <SystemEditor title={title} />;
  if (existing.isLoading) return <LoadingMessage text="Loading the system…" />;
  if (!existing.data) {
    const problem = (existing.error as ProblemError | null)?.problem;
    return (
      <>
        <h1>{problem?.status === 404 ? 'System not found' : title}</h1>
        {problem && problem.status !== 404 && <ErrorSummary problem={problem} />}
        <p>
          <Link to="/systems">Go to the list of systems</Link>
        </p>
      </>
    );
  }
  return <SystemEditor title={`Change ${existing.data.name}`} loaded={existing.data} />;
}
