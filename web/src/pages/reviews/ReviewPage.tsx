import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { downloadPackCsv, useReview, useReviewChanges } from '../../api/improvement';
import { ProblemError, type Problem } from '../../api/problem';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import { usePageTitle } from '../../lib/usePageTitle';
import NotFoundPage from '../NotFoundPage';
import { formatDateTime, formatDay } from '../cycles/labels';
import TextArea from '../../components/TextArea';
import AddItemForm from './AddItemForm';
import AgendaItemCard from './AgendaItemCard';
import './reviews.css';

/**
 * ReviewPage runs a board review: the agenda with a decision on each item,
 * the minutes, closing it (which locks it) and the board pack.
 */
export default function ReviewPage() {
  const { id = '' } = useParams();
  const review = useReview(id);
  const { update, addItem, decide, refresh, close } = useReviewChanges(id);
  const { data: me } = useMe();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [status, setStatus] = useState('');
  usePageTitle(review.data ? review.data.title : 'Board review', problem !== null);

  if (review.isPending) return <LoadingMessage />;
  if (review.isError) {
    if (review.error.problem.status === 404) return <NotFoundPage />;
    return <ServiceProblem problem={review.error.problem} onRetry={() => void review.refetch()} />;
  }
  const r = review.data;
  const open = r.status === 'open';
  const board = (me?.permissions.includes('reviews.decide') ?? false) && open;
  const version = r.version;
  const fail = (item: string | null) => (err: ProblemError) => {
    setFailed(item);
    setProblem(err.problem);
  };
  const ok = (message: string) => () => {
    setProblem(null);
    setFailed(null);
    setStatus(message);
  };

  function saveMinutes(e: FormEvent) {
    e.preventDefault();
    update.mutate({ body: { minutes: minutes ?? r.minutes }, version }, { onSuccess: ok('Minutes saved.'), onError: fail('minutes') });
  }

  async function csv() {
    try {
      await downloadPackCsv(r.id);
    } catch (err) {
      if (err instanceof ProblemError) setProblem(err.problem);
    }
  }

  const decided = r.items.filter((i) => i.decision).length;
  return (
    <>
      {problem && <ErrorSummary problem={problem} />}
      <span className="nhsuk-caption-l">Board review</span>
      <h1>{r.title}</h1>
      <p>
        {formatDay(r.meeting_date)}{' '}
        <strong className={`nhsuk-tag ${open ? 'nhsuk-tag--blue' : 'nhsuk-tag--grey'}`}>{open ? 'Open' : 'Closed'}</strong>
      </p>
      {!open && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Closed{r.closed_at ? ` on ${formatDateTime(r.closed_at)}` : ''}
            {r.closed_by_name ? ` by ${r.closed_by_name}` : ''}. A closed review is locked: its decisions and minutes are the record.
          </p>
        </div>
      )}
      <p>
        <strong>Members present:</strong> {r.members.length > 0 ? r.members.map((m) => m.name).join(', ') : 'None recorded'}
      </p>
      <div className="nhsuk-button-group">
        <Link className="nhsuk-button nhsuk-button--secondary" to={`/reviews/${r.id}/pack`} role="button" draggable={false}>
          Open the board pack
        </Link>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void csv()}>
          Download the board pack (CSV)
        </button>
      </div>
      <p className="nhsuk-u-visually-hidden" role="status">
        {status}
      </p>

      <h2>
        Agenda <span className="nhsuk-body-s">({decided} of {r.items.length} decided)</span>
      </h2>
      {r.items.length === 0 && <p>Nothing on the agenda.</p>}
      <ol className="nhsuk-list app-agenda">
        {r.items.map((it) => (
          <AgendaItemCard
            key={`${it.id}-${it.decided_at ?? ''}`}
            item={it}
            canDecide={board}
            pending={decide.isPending}
            problem={failed === it.id ? problem : null}
            onDecide={(decision, text) =>
              decide.mutate(
                { itemId: it.id, decision, text, version },
                { onSuccess: ok(`Decision on item ${it.position} recorded.`), onError: fail(it.id) },
              )
            }
          />
        ))}
      </ol>
      {board && (
        <>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={refresh.isPending}
            onClick={() => refresh.mutate({ version }, { onSuccess: ok('Agenda refreshed.'), onError: fail(null) })}
          >
            Add what has come up since
          </button>
          <AddItemForm
            pending={addItem.isPending}
            problem={failed === 'add' ? problem : null}
            onAdd={(body, done) =>
              addItem.mutate(
                { body, version },
                {
                  onSuccess: () => {
                    done();
                    ok('Item added.')();
                  },
                  onError: fail('add'),
                },
              )
            }
          />
        </>
      )}

      <h2>Minutes</h2>
      {board ? (
        <form onSubmit={saveMinutes} noValidate>
          <TextArea
            id="minutes"
            label="Minutes"
            hint="Who was there, what was discussed, what was agreed."
            rows={8}
            value={minutes ?? r.minutes}
            error={failed === 'minutes' ? problem?.errors?.[0]?.message : undefined}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={update.isPending}>
            Save the minutes
          </button>
        </form>
      ) : (
        <p style={{ whiteSpace: 'pre-line' }}>{r.minutes || 'No minutes recorded.'}</p>
      )}

      {board && (
        <div className="nhsuk-card">
          <div className="nhsuk-card__content">
            <h2 className="nhsuk-card__heading nhsuk-heading-m">Close the review</h2>
            <p>
              Closing locks the review: no decision, item or minute can change afterwards.
              {decided < r.items.length && ` ${r.items.length - decided} ${r.items.length - decided === 1 ? 'item has' : 'items have'} no decision yet.`}
            </p>
            {confirmClose ? (
              <div className="nhsuk-button-group">
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--warning"
                  disabled={close.isPending}
                  onClick={() => close.mutate({ version }, { onSuccess: ok('Review closed.'), onError: fail(null) })}
                >
                  Yes, close and lock the review
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setConfirmClose(false)}>
                  Not yet
                </button>
              </div>
            ) : (
              <button type="button" className="nhsuk-button" onClick={() => setConfirmClose(true)}>
                Close the review
              </button>
            )}
          </div>
        </div>
      )}
      <p>
        <Link to="/reviews">Back to board reviews</Link>
      </p>
    </>
  );
}
