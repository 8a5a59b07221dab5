import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { downloadPackCsv, useReviewPack, type ReviewFigure, type ReviewItem } from '../../api/improvement';
import { ProblemError, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import SpcChart from '../../components/SpcChart';
import { usePageTitle } from '../../lib/usePageTitle';
import NotFoundPage from '../NotFoundPage';
import { formatDateTime, formatDay, reasonLabels, reviewDecisionLabels, withUnit } from '../cycles/labels';
import './BoardPack.css';

const kindLabels = { cycle: 'Cycle', standard: 'Standard', action: 'Action', other: 'Other business' } as const;

function Figure({ figure, index }: { figure: ReviewFigure; index: number }) {
  const evidence = figure.change_period !== null;
  return (
    <div className="app-pack__figure">
      <h4 className="nhsuk-heading-s">
        {figure.code} {figure.title}
        {evidence ? ': before and after the change' : ''}
      </h4>
      <SpcChart
        analysis={figure.chart}
        title={`${figure.code} ${figure.title}${evidence ? ', before and after the change' : ', whole organisation'}`}
        idPrefix={`pack-figure-${index}`}
        threshold={figure.threshold}
        unit={figure.unit}
        annotations={
          figure.change_period ? [{ date: figure.change_period, kind: 'rebase', label: 'the change: limits recalculated from here' }] : []
        }
        assuranceAgainst={`the threshold of ${withUnit(figure.threshold, figure.unit)}`}
      />
    </div>
  );
}

function ItemSection({ item, figures }: { item: ReviewItem; figures: readonly { f: ReviewFigure; i: number }[] }) {
  return (
    <section className="app-pack__item" aria-labelledby={`pack-item-${item.position}`}>
      <h2 id={`pack-item-${item.position}`}>
        {item.position}. {item.title}
      </h2>
      <p className="nhsuk-body-s">
        {kindLabels[item.kind]}
        {item.state && item.kind !== 'standard' ? ` · now ${item.state.replace('_', ' ')}` : ''}
        {item.reasons.length > 0 && <> · {item.reasons.map((r) => reasonLabels[r] ?? r).join(', ')}</>}
      </p>
      {item.detail && <p>{item.detail}</p>}
      <div className="app-pack__decision">
        <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">Decision</h3>
        {item.decision ? (
          <p>
            <strong>{reviewDecisionLabels[item.decision]}</strong>
            {item.decision_text && <>: {item.decision_text}</>}
            <br />
            <span className="nhsuk-body-s">
              {item.decided_by_name ?? ''}
              {item.decided_at ? `, ${formatDateTime(item.decided_at)}` : ''}
            </span>
          </p>
        ) : (
          <p>No decision recorded.</p>
        )}
      </div>
      {figures.map(({ f, i }) => (
        <Figure key={`${f.item_id}-${f.standard_id}`} figure={f} index={i} />
      ))}
    </section>
  );
}

/**
 * BoardPackPage is the printable board pack: the meeting, the agenda with
 * the decisions, and for each item its charts — one printed page per item
 * (BoardPack.css).
 */
export default function BoardPackPage() {
  const { id = '' } = useParams();
  const pack = useReviewPack(id);
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle(pack.data ? `Board pack: ${pack.data.review.title}` : 'Board pack', problem !== null);

  if (pack.isPending) return <LoadingMessage text="Putting the board pack together…" />;
  if (pack.isError) {
    if (pack.error.problem.status === 404) return <NotFoundPage />;
    return <ServiceProblem problem={pack.error.problem} onRetry={() => void pack.refetch()} />;
  }
  const { review: r, figures } = pack.data;
  const indexed = figures.map((f, i) => ({ f, i }));

  async function csv() {
    try {
      await downloadPackCsv(r.id);
    } catch (err) {
      if (err instanceof ProblemError) setProblem(err.problem);
    }
  }

  return (
    <div className="app-pack">
      {problem && <ErrorSummary problem={problem} />}
      <div className="nhsuk-button-group app-no-print">
        <button type="button" className="nhsuk-button" onClick={() => window.print()}>
          Print the board pack
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void csv()}>
          Download the figures (CSV)
        </button>
        <Link to={`/reviews/${r.id}`}>Back to the review</Link>
      </div>
      <header className="app-pack__cover">
        <span className="nhsuk-caption-l">Board pack · Northshire IT governance</span>
        <h1>{r.title}</h1>
        <p className="nhsuk-lede-text">
          {formatDay(r.meeting_date)} · {r.status === 'closed' ? 'Closed' : 'Open (draft: decisions may still change)'}
        </p>
        <p>
          <strong>Members present:</strong> {r.members.length > 0 ? r.members.map((m) => m.name).join(', ') : 'None recorded'}
        </p>
        {r.closed_at && (
          <p>
            Closed {formatDateTime(r.closed_at)}
            {r.closed_by_name ? ` by ${r.closed_by_name}` : ''}.
          </p>
        )}
      </header>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Agenda and decisions</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Item</th>
            <th scope="col" className="nhsuk-table__header">Why it is here</th>
            <th scope="col" className="nhsuk-table__header">Decision</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {r.items.map((it) => (
            <tr key={it.id} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">
                {it.position}. <a href={`#pack-item-${it.position}`}>{it.title}</a>
              </td>
              <td className="nhsuk-table__cell">
                {it.reasons.length > 0 ? it.reasons.map((x) => reasonLabels[x] ?? x).join(', ') : 'Added by hand'}
              </td>
              <td className="nhsuk-table__cell">{it.decision ? reviewDecisionLabels[it.decision] : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.items.map((it) => (
        <ItemSection key={it.id} item={it} figures={indexed.filter(({ f }) => f.item_id === it.id)} />
      ))}
      <section className="app-pack__item" aria-labelledby="pack-minutes">
        <h2 id="pack-minutes">Minutes</h2>
        <p style={{ whiteSpace: 'pre-line' }}>{r.minutes || 'No minutes recorded.'}</p>
      </section>
    </div>
  );
}
