import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { validationProblem, fieldMessages, type FieldError, type Problem } from '../../api/problem';
import { useAnalyseSpc, type SpcRequest, type SpcResult } from '../../api/standards';
import ErrorSummary from '../../components/ErrorSummary';
import SpcChart from '../../components/SpcChart';
import TextInput from '../../components/TextInput';
import { formatValue, type Improvement } from '../../lib/spc';
import { parseDateList, parseSeries, parseValue, pointErrorsToLines } from '../../lib/spcSeries';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import RadioGroup from '../../components/RadioGroup';
import TextArea from '../../components/TextArea';
import '../standards/catalogue.css';

const example = `period,value
2025-01-01,97.2
2025-02-01,96.8
2025-03-01,97.9`;

const fieldLabels: Record<string, string> = {
  improvement: 'Which way is better',
  target: 'Target',
  baseline_points: 'Baseline points',
  rebase: 'Changes made on',
  screen_moving_ranges: 'Screening',
};

/** Only the first few of many bad lines are listed, then how many more. */
const maxListed = 5;

interface Analysed {
  result: SpcResult;
  target: number | null;
  ignoredRebases: string[];
}

/** SpcCalculatorPage analyses any pasted series the Making Data Count way. */
export default function SpcCalculatorPage({ title }: PageProps) {
  const analyse = useAnalyseSpc();
  const [data, setData] = useState('');
  const [improvement, setImprovement] = useState<Improvement>('increase');
  const [target, setTarget] = useState('');
  const [baseline, setBaseline] = useState('');
  const [rebase, setRebase] = useState('');
  const [screen, setScreen] = useState(true);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [analysed, setAnalysed] = useState<Analysed | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  // Move focus to each new result once it is on the page: screen reader and
  // keyboard users land on the chart they asked for. An effect runs after the
  // commit, so the heading exists even when rendering lags (a frame-timed
  // focus missed it under load).
  useEffect(() => {
    if (analysed) resultRef.current?.focus();
  }, [analysed]);
  usePageTitle(title, problem !== null);
  const messages = fieldMessages(problem);

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setData(text);
    setFileNote(`${file.name} is in the box below. Check it, then choose Analyse.`);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldError[] = [];
    const parsed = parseSeries(data);
    if (parsed.errors.length > 0) {
      for (const e of parsed.errors.slice(0, maxListed)) errors.push({ field: 'points', message: e.message });
      if (parsed.errors.length > maxListed) {
        errors.push({ field: 'points', message: `${parsed.errors.length - maxListed} more lines cannot be read` });
      }
    } else if (parsed.points.length === 0) {
      errors.push({ field: 'points', message: 'Enter at least one period and value' });
    }
    let targetValue: number | null = null;
    if (target.trim() !== '') {
      const t = parseValue(target);
      if (typeof t === 'number') targetValue = t;
      else errors.push({ field: 'target', message: 'Enter the target as a number, or leave it empty' });
    }
    let baselineValue: number | null = null;
    if (baseline.trim() !== '') {
      const b = Number(baseline);
      if (Number.isInteger(b) && b >= 12) baselineValue = b;
      else errors.push({ field: 'baseline_points', message: 'Enter a whole number of at least 12, or leave it empty' });
    }
    const rebases = parseDateList(rebase);
    if (rebases.invalid.length > 0) {
      errors.push({ field: 'rebase', message: `“${rebases.invalid[0] ?? ''}” is not a date. Write dates as YYYY-MM-DD or DD/MM/YYYY` });
    }
    if (errors.length > 0) {
      setProblem(validationProblem(errors));
      return;
    }
    const body: SpcRequest = {
      points: parsed.points,
      improvement,
      target: improvement === 'neutral' ? null : targetValue,
      rebase: rebases.dates.length > 0 ? rebases.dates : null,
      baseline_points: baselineValue,
      screen_moving_ranges: screen,
    };
    const periods = new Set(parsed.points.map((p) => p.period));
    analyse.mutate(body, {
      onSuccess: (result) => {
        setProblem(null);
        setAnalysed({ result, target: body.target ?? null, ignoredRebases: rebases.dates.filter((d) => !periods.has(d)) });
      },
      onError: (e) => {
        const p = e.problem;
        const errs = p.errors
          ? pointErrorsToLines(p.errors, parsed.lines).map((x) =>
              x.field === 'points' ? x : { field: x.field.replace(/\[\d+\]$/, ''), message: `${fieldLabels[x.field.replace(/\[\d+\]$/, '')] ?? x.field}: ${x.message}` },
            )
          : undefined;
        setProblem(errs ? { ...p, errors: errs } : p);
      },
    });
  }

  const t = analysed?.target ?? null;
  return (
    <>
      <h1>{title}</h1>
      <p className="nhsuk-body-l">
        Paste a series of values to see its statistical process control (SPC) chart, the way NHS boards read
        performance with Making Data Count.
      </p>
      <p>
        It shows whether the values are changing (variation) and, if you give a target, whether the process will
        reliably meet it (assurance). Nothing you paste here is saved.
      </p>

      {problem && <ErrorSummary problem={problem} />}

      <form onSubmit={submit} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="csv-file">
            Choose a CSV file (optional)
          </label>
          <div className="nhsuk-hint" id="csv-file-hint">
            Or paste into the box below. A file needs a period column and a value column.
          </div>
          <input
            className="nhsuk-file-upload"
            id="csv-file"
            name="csv-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            aria-describedby="csv-file-hint"
            onChange={(e) => void readFile(e)}
          />
          {fileNote && (
            <p className="nhsuk-body-s" role="status">
              {fileNote}
            </p>
          )}
        </div>
        <TextArea
          id="points"
          label="Your data"
          hint={
            <>
              Two columns, period then value, one period per line. Paste from a spreadsheet or separate them with a comma.
              Write dates as YYYY-MM-DD or DD/MM/YYYY, and leave a value empty where it is missing. For example:
              <pre className="app-cat-example">{example}</pre>
            </>
          }
          value={data}
          onChange={(e) => setData(e.target.value)}
          error={problem?.errors?.filter((e) => e.field === 'points').map((e) => e.message).join('. ') || undefined}
          rows={10}
          className="app-cat-csv-paste"
          spellCheck={false}
        />
        <RadioGroup
          id="improvement"
          legend="Which way is better?"
          value={improvement}
          onChange={(v) => setImprovement(v as Improvement)}
          options={[
            { value: 'increase', label: 'Higher is better' },
            { value: 'decrease', label: 'Lower is better' },
            { value: 'neutral', label: 'Neither', hint: 'Special causes are shown in purple, and there is no assurance.' },
          ]}
          error={messages.improvement}
        />
        {improvement !== 'neutral' && (
          <TextInput
            id="target"
            label="Target (optional)"
            hint="The value the process should reliably meet, for the assurance icon."
            inputMode="decimal"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            error={messages.target}
            widthClass="nhsuk-input--width-10"
          />
        )}
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">More settings: baseline, changes and screening</span>
          </summary>
          <div className="nhsuk-details__text">
            <TextInput
              id="baseline_points"
              label="Baseline points (optional)"
              hint="Work out the limits from the first N points only (at least 12), then judge later points against them."
              inputMode="numeric"
              value={baseline}
              onChange={(e) => setBaseline(e.target.value)}
              error={messages.baseline_points}
              widthClass="nhsuk-input--width-5"
            />
            <TextInput
              id="rebase"
              label="Changes made on (optional)"
              hint="Periods from which the limits should be worked out afresh, because the process changed. Separate dates with commas, for example 2025-07-01, 2025-10-01."
              value={rebase}
              onChange={(e) => setRebase(e.target.value)}
              error={messages.rebase}
            />
            <div className="nhsuk-form-group">
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                <div className="nhsuk-checkboxes__item">
                  <input
                    className="nhsuk-checkboxes__input"
                    id="screen_moving_ranges"
                    type="checkbox"
                    checked={screen}
                    onChange={(e) => setScreen(e.target.checked)}
                    aria-describedby="screen_moving_ranges-hint"
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="screen_moving_ranges">
                    Screen out unusually large moving ranges
                  </label>
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id="screen_moving_ranges-hint">
                    Recommended. Untick to match the Making Data Count Excel tool.
                  </div>
                </div>
              </div>
            </div>
          </div>
        </details>
        <button className="nhsuk-button" type="submit" disabled={analyse.isPending}>
          {analyse.isPending ? 'Analysing…' : 'Analyse'}
        </button>
      </form>

      {analysed && (
        <section aria-labelledby="result-heading" className="app-cat-section">
          <h2 id="result-heading" tabIndex={-1} ref={resultRef}>
            Your chart
          </h2>
          {analysed.ignoredRebases.length > 0 && (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>
                {analysed.ignoredRebases.join(', ')} {analysed.ignoredRebases.length === 1 ? 'is' : 'are'} not a period in
                your data, so the limits were not recalculated there. Use the period&rsquo;s own date.
              </p>
            </div>
          )}
          <SpcChart
            analysis={analysed.result}
            title="Your series"
            idPrefix="calculator-chart"
            threshold={t}
            thresholdLabel="Target"
            assuranceAgainst={t === null ? 'the target' : `the target of ${formatValue(t)}`}
          />
        </section>
      )}
    </>
  );
}
