import { Link, useParams } from 'react-router';
import type { ProblemError } from '../../api/problem';
import { useSite } from '../../api/standards';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import type { PageProps } from '../../routes';
import SiteEditor from './SiteEditor';
import '../standards/catalogue.css';

/** SiteFormPage adds a site (/sites/new) or changes one (/sites/:id/edit). */
export default function SiteFormPage({ title }: PageProps) {
  const { id } = useParams();
  const existing = useSite(id ?? '', id !== undefined);
  if (id === undefined) return <SiteEditor title={title} />;
  if (existing.isLoading) return <LoadingMessage text="Loading the site…" />;
  if (!existing.data) {
    const problem = (existing.error as ProblemError | null)?.problem;
    return (
      <>
        <h1>{problem?.status === 404 ? 'Site not found' : title}</h1>
        {problem && problem.status !== 404 && <ErrorSummary problem={problem} />}
        <p>
          <Link to="/sites">Go to the list of sites</Link>
        </p>
      </>
    );
  }
  return <SiteEditor title={`Change ${existing.data.name}`} loaded={existing.data} />;
}
