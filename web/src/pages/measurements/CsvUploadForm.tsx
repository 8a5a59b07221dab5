import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { UploadError, useUploadMeasurements, type RowError } from '../../api/measurements';
import { validationProblem, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import TextArea from '../../components/TextArea';
import UploadProgressBar from './UploadProgressBar';
import UploadRowErrors from './UploadRowErrors';

const header = 'standard,system,period_start,value,note';
const example = `${header}
AV-01,EPR,2026-01-01,99.93,
PF-01,Single sign-on,2026-01-05,11.4,weekly median
BR-01,,2026-01-01,100,organisation-wide`;

/** How many row problems the error summary lists before pointing at the table. */
const summaryRows = 5;

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

interface Props {
  /** Told whether the form is showing errors, for the page title. */
  onProblem?: (hasProblem: boolean) => void;
}

/**
 * CsvUploadForm uploads a CSV file (or pasted CSV) of measurements, all or
 * nothing, with a progress bar, then shows what was saved or, row by row,
 * why nothing was.
 */
export default function CsvUploadForm({ onProblem }: Props) {
  const upload = useUploadMeasurements();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => onProblem?.(problem !== null), [problem, onProblem]);
  const [rows, setRows] = useState<RowError[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setRows([]);
    let body: Blob;
    if (file) body = file;
    else if (text.trim() !== '') body = new Blob([text.endsWith('\n') ? text : `${text}\n`], { type: 'text/csv' });
    else {
      setProblem(validationProblem([{ field: 'csv-file', message: 'Choose a CSV file, or paste the CSV into the box' }]));
      return;
    }
    setProblem(null);
    upload.mutate(
      { body, contentType: 'text/csv' },
      {
        onError: (e) => {
          const rowErrors = e instanceof UploadError ? e.rows : [];
          setRows(rowErrors);
          if (rowErrors.length === 0) {
            setProblem(e.problem.errors ? { ...e.problem, errors: e.problem.errors.map((x) => ({ ...x, field: 'csv-file' })) } : e.problem);
            return;
          }
          const listed = rowErrors.slice(0, summaryRows).map((r) => ({
            field: 'upload-errors',
            message: `${r.row ? `Row ${r.row}` : 'The file'}, ${r.field}: ${r.message}`,
          }));
          if (rowErrors.length > summaryRows) {
            listed.push({ field: 'upload-errors', message: `See all ${rowErrors.length} problems listed below` });
          }
          setProblem({ ...e.problem, errors: listed });
        },
      },
    );
  }

  function chooseFile(f: File | null) {
    setFile(f);
    upload.reset();
    setRows([]);
    setProblem(null);
  }

  function startAgain() {
    chooseFile(null);
    setText('');
    if (fileInput.current) fileInput.current.value = '';
  }

  const result = upload.data;
  // Focus the result once it is on the page (an effect runs after the
  // commit; a frame-timed focus could run before it under load).
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  return (
    <section className="app-cat-section" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a CSV file</h2>
      {problem && <ErrorSummary problem={problem} />}
      <p>The file needs a header line naming its columns:</p>
      <pre className="app-cat-example" tabIndex={0}>
        {header}
      </pre>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>
          <strong>standard</strong> is the standard&rsquo;s code, such as AV-01
        </li>
        <li>
          <strong>system</strong> is the system&rsquo;s name; leave it empty for an organisation-wide value
        </li>
        <li>
          <strong>period_start</strong> is the first day of the period, written YYYY-MM-DD: a Monday for a weekly
          standard, the 1st for a monthly one
        </li>
        <li>
          <strong>value</strong> is a number in the standard&rsquo;s unit, and <strong>note</strong> is optional
        </li>
      </ul>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">See an example file</span>
        </summary>
        <div className="nhsuk-details__text">
          <pre className="app-cat-example" tabIndex={0}>
            {example}
          </pre>
        </div>
      </details>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Every row is saved, or none is. If any row has a problem, nothing is saved and you will see which rows to fix.
          Sending a value again for the same standard, system and period corrects it.
        </p>
      </div>

      <form onSubmit={submit} noValidate>
        <div className={`nhsuk-form-group${problem && rows.length === 0 ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="csv-file">
            Choose a CSV file
          </label>
          <div className="nhsuk-hint" id="csv-file-hint">
            Up to 100,000 rows.
          </div>
          <input
            ref={fileInput}
            className="nhsuk-file-upload"
            id="csv-file"
            name="csv-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="csv-file-hint"
            onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
          />
          {file && (
            <p className="nhsuk-body-s">
              {file.name} ({sizeText(file.size)}) will be uploaded
              {text.trim() !== '' ? ' instead of the CSV pasted below' : ''}.
            </p>
          )}
        </div>
        <TextArea
          id="csv-text"
          label="Or paste the CSV"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (upload.data || rows.length > 0) {
              upload.reset();
              setRows([]);
            }
          }}
          rows={6}
          className="app-cat-csv-paste"
          spellCheck={false}
        />
        {upload.isPending && upload.progress && <UploadProgressBar progress={upload.progress} />}
        <button className="nhsuk-button" type="submit" disabled={upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload'}
        </button>
      </form>

      {result && (
        <div className="nhsuk-card nhsuk-card--feature app-cat-upload-result" ref={resultRef} tabIndex={-1}>
          <div className="nhsuk-card__content nhsuk-card__content--feature">
            <h3 className="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">Upload complete</h3>
            <p role="status">
              {result.received === 1 ? 'The row was' : `All ${result.received} rows were`} saved: {result.inserted} new{' '}
              {result.inserted === 1 ? 'value' : 'values'} and {result.updated} {result.updated === 1 ? 'correction' : 'corrections'}.
            </p>
            <dl className="nhsuk-summary-list">
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Rows received</dt>
                <dd className="nhsuk-summary-list__value">{result.received}</dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">New values</dt>
                <dd className="nhsuk-summary-list__value">{result.inserted}</dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Values corrected</dt>
                <dd className="nhsuk-summary-list__value">{result.updated}</dd>
              </div>
            </dl>
            <p>
              <Link to="/standards">See the standards and their charts</Link>
            </p>
            <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={startAgain}>
              Upload another file
            </button>
          </div>
        </div>
      )}

      {rows.length > 0 && <UploadRowErrors rows={rows} detail={problem?.detail} />}
    </section>
  );
}
