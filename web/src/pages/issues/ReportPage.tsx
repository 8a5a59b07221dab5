import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCreateIssue, useReportSites, useReportSystems } from '../../api/issues';
import { fieldMessages, validationProblem, type Problem } from '../../api/problem';
import ChoiceItem from '../../components/ChoiceItem';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import ServiceProblem from '../../components/ServiceProblem';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import HarmRadios from './HarmRadios';
import { physicalHarm, psychologicalHarm } from './labels';
import { emptyReport, explainServerError, notSure, toCreateRequest, validateReport, type ReportForm } from './reportForm';
import SelectField from '../../components/SelectField';
import SimilarReports from './SimilarReports';
import TextArea from '../../components/TextArea';

/**
 * ReportPage is "Report an IT problem": quick on a phone. Only what happened,
 * the system (or "not sure"), the site and the harm to patients are asked
 * for up front; the rest is optional, behind "Add more detail". Free text is
 * screened for patient identifiers before anything is sent.
 */
export default function ReportPage({ title }: PageProps) {
  const sites = useReportSites();
  const systems = useReportSystems();
  const create = useCreateIssue();
  const navigate = useNavigate();
  const [form, setForm] = useState<ReportForm>(emptyReport);
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle(title, problem !== null);

  if (sites.isPending || systems.isPending) return <LoadingMessage />;
  if (sites.isError || systems.isError) {
    const err = sites.error ?? systems.error;
    return <ServiceProblem problem={err?.problem ?? null} onRetry={() => void Promise.all([sites.refetch(), systems.refetch()])} />;
  }
  // A trust with one site needs no question answered about it.
  const site = sites.data.length === 1 ? (sites.data[0]?.id ?? '') : form.site;

  function set<K extends keyof ReportForm>(key: K, value: ReportForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const current = { ...form, site };
    const errors = validateReport(current);
    if (errors.length > 0) {
      setProblem(validationProblem(errors));
      return;
    }
    create.mutate(toCreateRequest(current), {
      onSuccess: (issue) => void navigate(`/reports/${issue.id}`, { state: { justReported: true } }),
      onError: (err) =>
        setProblem(err.problem.errors ? { ...err.problem, errors: err.problem.errors.map(explainServerError) } : err.problem),
    });
  }

  const inline = fieldMessages(problem);
  const minutes = /^[0-9]+$/.test(form.minutesLost.trim()) ? Number(form.minutesLost.trim()) : 0;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} options={{ fallbackField: 'title' }} />}
        <h1>{title}</h1>
        <p className="nhsuk-body-l">Tell us when IT got in the way of care. It takes under a minute.</p>
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Do not include patient details such as names, NHS numbers or dates of birth.</p>
        </div>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="title"
            label="What happened?"
            hint="For example, EPR froze during the drug round"
            value={form.title}
            error={inline.title}
            autoComplete="off"
            onChange={(e) => set('title', e.target.value)}
          />
          <SelectField
            id="system_id"
            label="Which system?"
            placeholder="Choose a system"
            options={[...systems.data.map((s) => ({ value: s.id, label: s.name })), { value: notSure, label: 'Not sure' }]}
            value={form.system}
            error={inline.system_id}
            onChange={(e) => set('system', e.target.value)}
          />
          <SelectField
            id="site_id"
            label="Which site?"
            placeholder="Choose a site"
            options={sites.data.map((s) => ({ value: s.id, label: s.name }))}
            value={site}
            error={inline.site_id}
            onChange={(e) => set('site', e.target.value)}
          />
          {form.system !== '' && form.system !== notSure && site !== '' && (
            <SimilarReports systemId={form.system} siteId={site} minutesLost={minutes} onProblem={setProblem} />
          )}
          <HarmRadios
            name="physical_harm"
            legend="Physical harm to patients"
            hint="Choose the worst that happened, or could have happened without someone stepping in."
            wording={physicalHarm}
            value={form.physical}
            error={inline.physical_harm}
            onChange={(h) => set('physical', h)}
          />
          <HarmRadios
            name="psychological_harm"
            legend="Psychological harm to patients"
            wording={psychologicalHarm}
            value={form.psychological}
            error={inline.psychological_harm}
            onChange={(h) => set('psychological', h)}
          />
          <TextInput
            id="minutes_lost"
            label="Roughly how many minutes did it cost you? (optional)"
            hint="Your own time, in minutes. This is how Assure measures clinicians' time lost to IT."
            inputMode="numeric"
            widthClass="nhsuk-input--width-5"
            value={form.minutesLost}
            error={inline.minutes_lost}
            onChange={(e) => set('minutesLost', e.target.value)}
          />

          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Add more detail (optional)</span>
            </summary>
            <div className="nhsuk-details__text">
              <TextArea
                id="description"
                label="Describe what happened"
                value={form.description}
                error={inline.description}
                onChange={(e) => set('description', e.target.value)}
              />
              <TextInput
                id="location"
                label="Ward or department"
                value={form.location}
                error={inline.location}
                onChange={(e) => set('location', e.target.value)}
              />
              <TextInput
                id="started_at"
                label="When did it start?"
                hint="Leave blank if it was just now"
                type="datetime-local"
                widthClass="nhsuk-input--width-20"
                value={form.startedAt}
                error={inline.started_at}
                onChange={(e) => set('startedAt', e.target.value)}
              />
              <div className="nhsuk-form-group">
                <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                  <ChoiceItem type="checkbox" id="ongoing" label="It is still happening" checked={form.ongoing} onChange={(on) => set('ongoing', on)} />
                </div>
              </div>
              {!form.ongoing && (
                <TextInput
                  id="duration_minutes"
                  label="How long did it last, in minutes?"
                  inputMode="numeric"
                  widthClass="nhsuk-input--width-5"
                  value={form.duration}
                  error={inline.duration_minutes}
                  onChange={(e) => set('duration', e.target.value)}
                />
              )}
              <TextInput
                id="staff_affected"
                label="How many staff were affected, including you?"
                hint="Each of them is counted as losing the minutes you gave above"
                inputMode="numeric"
                widthClass="nhsuk-input--width-5"
                value={form.staffAffected}
                error={inline.staff_affected}
                onChange={(e) => set('staffAffected', e.target.value)}
              />
              <div className="nhsuk-form-group">
                <fieldset className="nhsuk-fieldset">
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Effect on care</legend>
                  <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                    <ChoiceItem type="checkbox" id="care_delayed" label="Care was delayed" checked={form.careDelayed} onChange={(v) => set('careDelayed', v)} />
                    <ChoiceItem
                      type="checkbox"
                      id="care_not_given"
                      label="Care could not be given"
                      checked={form.careNotGiven}
                      onChange={(v) => set('careNotGiven', v)}
                    />
                    <ChoiceItem
                      type="checkbox"
                      id="workaround_used"
                      label="We used a workaround"
                      checked={form.workaroundUsed}
                      onChange={(v) => set('workaroundUsed', v)}
                    />
                  </div>
                </fieldset>
              </div>
              {form.workaroundUsed && (
                <TextInput
                  id="workaround"
                  label="Which workaround?"
                  hint="For example, paper drug chart"
                  value={form.workaround}
                  error={inline.workaround}
                  onChange={(e) => set('workaround', e.target.value)}
                />
              )}
            </div>
          </details>

          <button className="nhsuk-button" type="submit" disabled={create.isPending}>
            {create.isPending ? 'Sending…' : 'Send report'}
          </button>
        </form>
      </div>
    </div>
  );
}
