import { useState } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import CsvUploadForm from './CsvUploadForm';
import SingleMeasurementForm from './SingleMeasurementForm';
import '../standards/catalogue.css';

/** MeasurementsUploadPage records measured performance: a CSV file of many values, or one value. */
export default function MeasurementsUploadPage({ title }: PageProps) {
  // The title starts "Error:" while either form shows errors.
  const [uploadError, setUploadError] = useState(false);
  const [singleError, setSingleError] = useState(false);
  usePageTitle(title, uploadError || singleError);
  return (
    <>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">
        Record measured performance against the <Link to="/standards">standards</Link>: upload a CSV file with many
        values, or record a single value.
      </p>
      <CsvUploadForm onProblem={setUploadError} />
      <SingleMeasurementForm onProblem={setSingleError} />
    </>
  );
}
