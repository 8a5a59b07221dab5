import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldMessages, validationProblem, type Problem } from '../../api/problem';
import { useSaveSite, type Site, type UpdateSiteRequest } from '../../api/standards';
import ErrorSummary from '../../components/ErrorSummary';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import TextArea from '../../components/TextArea';

interface Props {
  title: string;
  /**
   * The site to change, as loaded; absent to add one. Later reloads
   * do not change the form, so If-Match still names the version the user saw.
   */
  loaded?: Site;
}

/** SiteEditor is the form for a site (admins). */
export default function SiteEditor({ title, loaded }: Props) {
  const [saved] = useState(loaded);
  const navigate = useNavigate();
  const save = useSaveSite();
  const [name, setName] = useState(saved?.name ?? '');
  const [description, setDescription] = useState(saved?.description ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle(title, problem !== null);
  const messages = fieldMessages(problem);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') {
      setProblem(validationProblem([{ field: 'name', message: 'Enter the site’s name' }]));
      return;
    }
    const onError = (e: { problem: Problem }) => setProblem(e.problem);
    const onSuccess = (s: Site) => navigate(`/sites/${s.id}`);
    if (!saved) {
      save.mutate({ kind: 'create', body: { name: name.trim(), description: description.trim() } }, { onSuccess, onError });
      return;
    }
    const body: UpdateSiteRequest = {};
    if (name.trim() !== saved.name) body.name = name.trim();
    if (description.trim() !== saved.description) body.description = description.trim();
    if (Object.keys(body).length === 0) {
      navigate(`/sites/${saved.id}`);
      return;
    }
    save.mutate({ kind: 'update', id: saved.id, version: saved.version, body }, { onSuccess, onError });
  }

  const backTo = saved ? `/sites/${saved.id}` : '/sites';
  return (
    <>
      <div className="nhsuk-back-link">
        <Link className="nhsuk-back-link__link" to={backTo}>
          {saved ? `Back to ${saved.name}` : 'All sites'}
        </Link>
      </div>
      {problem && <ErrorSummary problem={problem} />}
      <h1>{title}</h1>
      <form onSubmit={submit} noValidate>
        <TextInput id="name" label="Name" hint="For example, Eastfield General Hospital." value={name} onChange={(e) => setName(e.target.value)} error={messages.name} maxLength={200} />
        <TextArea id="description" label="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} error={messages.description} rows={3} maxLength={2000} />
        <div className="app-cat-button-row">
          <button className="nhsuk-button" type="submit" disabled={save.isPending}>
            {saved ? 'Save changes' : 'Add the site'}
          </button>
          <Link to={backTo}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
