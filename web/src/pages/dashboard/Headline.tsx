import { Link } from 'react-router';
import type { ComplianceStatus, Dashboard } from '../../api/dashboard';
import { formatRate, signed, statusWords } from './format';

interface Props {
  headline: Dashboard['headline'];
  /** The category filter, carried to the standards list. */
  category: string;
  /** Whether a site or system filter is on (the counts then judge standards at those systems). */
  byPlace: boolean;
}

const order: ComplianceStatus[] = ['met', 'breached', 'excepted', 'missing'];

const explain: Record<ComplianceStatus, string> = {
  met: 'met their threshold',
  breached: 'breached their threshold',
  excepted: 'excused by an approved exception',
  missing: 'have no data (a finding, never a pass)',
};

/**
 * Headline is the dashboard's first answer: how many active standards were
 * met, breached, excepted or missing in their last complete period, the
 * change since the period before, and the rolling compliance rate.
 */
export default function Headline({ headline, category, byPlace }: Props) {
  const link = (status: ComplianceStatus) => {
    const p = new URLSearchParams({ status: 'active', compliance: status });
    if (category) p.set('category', category);
    return `/standards?${p.toString()}`;
  };
  const rateChange =
    headline.rolling_rate !== null && headline.previous_rolling_rate !== null
      ? Math.round(headline.rolling_rate * 100) - Math.round(headline.previous_rolling_rate * 100)
      : null;
  return (
    <section aria-labelledby="headline-heading" className="app-headline">
      <h2 id="headline-heading" className="nhsuk-u-visually-hidden">
        Headline
      </h2>
      <ul className="app-headline__cards">
        <li className="app-headline__card app-headline__card--total">
          <Link to={category ? `/standards?status=active&category=${category}` : '/standards?status=active'} className="app-headline__link">
            <span className="app-headline__number">{headline.active_standards}</span>
            <span className="app-headline__label">active standards{byPlace ? ' at the systems chosen' : ''}</span>
          </Link>
        </li>
        {order.map((s) => (
          <li key={s} className={`app-headline__card app-headline__card--${s}`}>
            <Link to={link(s)} className="app-headline__link">
              <span className="app-headline__number">{headline.last_period[s]}</span>
              <span className="app-headline__label">
                <span className="app-headline__status">{statusWords[s]}</span>
                <span className="nhsuk-u-visually-hidden"> – {explain[s]}</span>
              </span>
              <span className="app-headline__change">
                {signed(headline.change[s])}
                <span className="nhsuk-u-visually-hidden"> since the period before ({headline.previous_period[s]} then)</span>
                <span aria-hidden="true"> on the period before</span>
              </span>
            </Link>
          </li>
        ))}
        <li className="app-headline__card app-headline__card--rate">
          <span className="app-headline__number">{formatRate(headline.rolling_rate)}</span>
          <span className="app-headline__label">rolling compliance</span>
          <span className="app-headline__change">
            {rateChange === null
              ? `over ${headline.rate_window} periods`
              : rateChange === 0
                ? 'same as the period before'
                : `${signed(rateChange)} points on the period before`}
          </span>
        </li>
      </ul>
      <p className="nhsuk-body-s app-headline__note">
        Each standard is judged in its own last complete period (a month, week or day).
        {byPlace ? ' With a site or system chosen, a standard counts as breached if any system in view breached it.' : ''}{' '}
        Rolling compliance is the share of periods met, of those met or breached, over the last {headline.rate_window}.
      </p>
    </section>
  );
}
