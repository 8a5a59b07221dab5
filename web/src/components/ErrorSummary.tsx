import { useEffect, useRef, type MouseEvent } from 'react';
import { problemToSummary, type Problem, type SummaryOptions } from '../api/problem';

interface Props {
  problem: Problem;
  /** How field names map to input ids, and which input a general error points at. */
  options?: SummaryOptions;
}

/**
 * ErrorSummary is the NHS.UK error summary for a problem. It takes focus
 * each time a new problem is shown, so screen reader users hear it, and each
 * item moves focus to the input to correct. Keep `problem` in state: a new
 * object means a new error to announce.
 */
export default function ErrorSummary({ problem, options }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const content = problemToSummary(problem, options);

  useEffect(() => {
    ref.current?.focus();
  }, [problem]);

  function goTo(event: MouseEvent<HTMLAnchorElement>, href: string) {
    const input = document.getElementById(href.slice(1));
    if (!input) return;
    event.preventDefault();
    // Bring the label into view too, not just the input.
    const label = document.querySelector(`label[for="${input.id}"]`);
    (label ?? input).scrollIntoView();
    input.focus({ preventScroll: true });
  }

  return (
    <div className="nhsuk-error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id="error-summary-title">
          {content.title}
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {content.items.map((item, i) => (
              <li key={`${item.href ?? ''}-${i}`}>
                {item.href ? (
                  <a href={item.href} onClick={(e) => goTo(e, item.href ?? '')}>
                    {item.text}
                  </a>
                ) : (
                  item.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
