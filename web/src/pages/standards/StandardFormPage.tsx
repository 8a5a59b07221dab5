import { Link, useParams } from 'react-router';
import type { ProblemError } from '../../api/problem';
import { useStandard } from '../../api/standards';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import type { PageProps } from '../../routes';
import StandardEditor from './StandardEditor';
import './catalogue.css';

/** StandardFormPage adds a standard (/standards/new) or changes one (/standards/:id/edit). */
export default function StandardFormPage({ title }: PageProps) {
  const { id } = useParams();
  const existing = useStandard(id ?? '', id !== undefined);
  const { data: me } = useMe();
  if (id === undefined) return <StandardEditor title={title} />;
  if (existing.isLoading) return <LoadingMessage text="Loading the standard…" />;
  if (!existing.data) {
    const problem = (existing.error as ProblemError | null)?.problem;
    return (
      <>
        <h1>{problem?.status === 404 ? 'Standard not found' : title}</h1>
        {problem && problem.status !== 404 && <ErrorSummary problem={problem} />}
        <p>
          <Link to="/standards">Go to the standards catalogue</Link>
        </p>
      </>
    );
  }
  const s = existing.data;
  // Admins change any field; the accountable owner, the wording.
  if (!me?.permissions.includes('standards.manage') && s.owner_id !== me?.id) {
    return (
      <>
        <h1>You cannot change this standard</h1>
        <p>Only an administrator or the standard&rsquo;s accountable owner can change it.</p>
        <p>
          <Link to={`/standards/${s.id}`}>Back to {s.code}</Link>
        </p>
      </>
    );
  }
  return <StandardEditor title={`Change ${s.code}`} loaded={s} />;
}

