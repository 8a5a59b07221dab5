import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** What happened, in a sentence. */
  heading: string;
  children?: ReactNode;
}

/**
 * SuccessBanner is the NHS.UK success notification banner. It takes focus
 * when it appears or its message changes, as the design system's script
 * does, so the outcome is announced.
 */
export default function SuccessBanner({ heading, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [heading]);
  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby="success-banner-title"
      tabIndex={-1}
      ref={ref}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="success-banner-title">
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
