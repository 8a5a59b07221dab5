import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCreateReview, usePeople, useReviews } from '../../api/improvement';
import { fieldMessages, type Problem } from '../../api/problem';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { formatDay } from '../cycles/labels';

/** ScheduleForm lets a board member schedule a review; the agenda builds itself. */
function ScheduleForm({ onProblem, problem }: { onProblem: (p: Problem | null) => void; problem: Problem | null }) {
  const create = useCreateReview();
  const people = usePeople();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [title, setTitle] = useState('IT governance board');
  const [date, setDate] = useState('');
  const [members, setMembers] = useState<string[]>(me ? [me.id] : []);
  const errors = fieldMessages(problem);
  const candidates = (people.data ?? []).filter((p) => p.roles.includes('board') || p.roles.includes('executive'));

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { title, meeting_date: date, member_ids: members, build_agenda: true },
      { onSuccess: (r) => void navigate(`/reviews/${r.id}`), onError: (err) => onProblem(err.problem) },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">Schedule a review</h2>
        <p>
          The agenda is built from what needs a decision now: cycles awaiting sign-off or a decision, standards newly breached,
          showing special-cause concern or missing data, and overdue actions. You can add items by hand.
        </p>
        <TextInput id="title" label="Title" value={title} error={errors.title} onChange={(e) => setTitle(e.target.value)} />
        <TextInput
          id="meeting_date"
          label="Meeting date"
          type="date"
          widthClass="nhsuk-input--width-10"
          value={date}
          error={errors.meeting_date}
          onChange={(e) => setDate(e.target.value)}
        />
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset" id="member_ids">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Members present</legend>
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {candidates.map((p) => (
                <div className="nhsuk-checkboxes__item" key={p.id}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`member-${p.id}`}
                    type="checkbox"
                    checked={members.includes(p.id)}
                    onChange={(e) => setMembers(e.target.checked ? [...members, p.id] : members.filter((m) => m !== p.id))}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`member-${p.id}`}>
                    {p.name}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit" disabled={create.isPending}>
          Schedule and build the agenda
        </button>
      </div>
    </form>
  );
}

/** ReviewsPage lists the board's reviews and, for the board, schedules one. */
export default function ReviewsPage({ title }: PageProps) {
  const reviews = useReviews();
  const { data: me } = useMe();
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle(title, problem !== null);
  const board = me?.permissions.includes('reviews.decide') ?? false;
  return (
    <>
      {problem && <ErrorSummary problem={problem} />}
      <h1>Board reviews</h1>
      <p className="nhsuk-lede-text">Governance meetings: the agenda, the board’s decisions, minutes and the board pack.</p>
      {reviews.isPending && <LoadingMessage />}
      {reviews.isError && <ServiceProblem problem={reviews.error.problem} onRetry={() => void reviews.refetch()} />}
      {reviews.data &&
        (reviews.data.length === 0 ? (
          <p>No reviews yet.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--border">
            {reviews.data.map((r) => (
              <li key={r.id}>
                <Link to={`/reviews/${r.id}`}>{r.title}</Link> — {formatDay(r.meeting_date)}{' '}
                <strong className={`nhsuk-tag ${r.status === 'closed' ? 'nhsuk-tag--grey' : 'nhsuk-tag--blue'}`}>
                  {r.status === 'closed' ? 'Closed' : 'Open'}
                </strong>{' '}
                <span className="nhsuk-body-s">
                  {r.items.length} {r.items.length === 1 ? 'item' : 'items'}, {r.items.filter((i) => i.decision).length} decided
                </span>
              </li>
            ))}
          </ul>
        ))}
      {board && <ScheduleForm problem={problem} onProblem={setProblem} />}
    </>
  );
}
