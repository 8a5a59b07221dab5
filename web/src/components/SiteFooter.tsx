/** SiteFooter is the NHS.UK footer. */
export default function SiteFooter() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <h2 className="nhsuk-u-visually-hidden">About this service</h2>
          <p className="nhsuk-body-s">
            Assure tracks the quality of clinical IT against agreed minimum standards, so that
            problems clinicians report lead to measured improvement.
          </p>
          <p className="nhsuk-body-s">Open-source software for NHS organisations</p>
        </div>
      </div>
    </footer>
  );
}
