import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCreateCycle } from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import TextArea from '../../components/TextArea';

/**
 * NewCyclePage starts a cycle in Plan with its title, aim and change idea;
 * the cycle page then collects the measures, predictions and the rest.
 */
export default function NewCyclePage({ title }: PageProps) {
  const create = useCreateCycle();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [form, setForm] = useState({ title: '', aim: '', change_idea: '' });
  usePageTitle(title, problem !== null);
  const errors = fieldMessages(problem);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(form, {
      onSuccess: (c) => void navigate(`/cycles/${c.id}`),
      onError: (err) => setProblem(err.problem),
    });
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} />}
        <span className="nhsuk-caption-l">PDSA cycles</span>
        <h1>Plan a cycle</h1>
        <p>Start with what you want to improve and the change you will try. You add the measures and your predictions next.</p>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="title"
            label="Title"
            hint="A short name for the change, such as “Tap-and-go log-in on ward 7”."
            value={form.title}
            error={errors.title}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
          <TextArea
            id="aim"
            label="Aim"
            hint="What will improve, by how much, by when."
            value={form.aim}
            error={errors.aim}
            rows={3}
            onChange={(e) => setForm({ ...form, aim: e.target.value })}
          />
          <TextArea
            id="change_idea"
            label="Change idea"
            hint="The change you will test."
            value={form.change_idea}
            error={errors.change_idea}
            rows={3}
            onChange={(e) => setForm({ ...form, change_idea: e.target.value })}
          />
          <div className="nhsuk-button-group">
            <button className="nhsuk-button" type="submit" disabled={create.isPending}>
              Plan the cycle
            </button>
            <Link className="nhsuk-link" to="/cycles">
              Cancel
            </Link>
          </div>
        </form>
      </div>
    </div>
  );
}
