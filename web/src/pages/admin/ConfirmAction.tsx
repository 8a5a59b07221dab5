import { useEffect, useRef, type ReactNode } from 'react';
import type { Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';

interface Props {
  /** The question, asked as the page heading: "Deactivate Jo Bloggs?" */
  question: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  /** The words on the red button, such as "Yes, deactivate". */
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  problem: Problem | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * ConfirmAction asks before something that cannot simply be undone. It
 * stands in for the page's content and takes focus, so it reads as a page
 * of its own (the page sets the document title to the question); "No, go
 * back" returns to where the user was.
 */
export default function ConfirmAction({ question, children, confirmLabel, busyLabel, busy, problem, onConfirm, onCancel }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} />}
        <h1 ref={heading} tabIndex={-1}>
          {question}
        </h1>
        {children}
        <div className="nhsuk-button-group">
          <button className="nhsuk-button nhsuk-button--warning" type="button" disabled={busy} onClick={onConfirm}>
            {busy ? busyLabel : confirmLabel}
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" disabled={busy} onClick={onCancel}>
            No, go back
          </button>
        </div>
      </div>
    </div>
  );
}
