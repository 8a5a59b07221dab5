// Package issues is clinicians' reports of IT problems ("IT issues" in the
// API): filing and editing them, who may see them, triage and its status
// transitions, grouping reports into problems, "also affected", comments and
// the timeline, in-app notification of the reporter, and the two series
// derived from reports (CE-01 clinician hours lost per week, CE-02 reports
// with moderate-or-worse harm per month), kept up to date in the same
// transaction as every change.
package issues
