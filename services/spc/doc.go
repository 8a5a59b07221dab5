// Package spc analyses a measurement series the way NHS boards are taught to
// read it (Making Data Count): an XmR chart with a mean and process limits per
// segment, special-cause points coloured as improvement or concern, and the
// variation and assurance icons.
//
// The method is shared/SPC.md, which follows the R package NHSRplotthedots
// v0.2.2 (the reference implementation of Making Data Count) so that a trust's
// analysts get the same answer from Assure as from their own tools. Where the
// two could disagree the package wins; the places where that matters are
// commented where they are implemented.
//
// The package is pure: series in, analysis out. It uses no database, no clock
// and no global state, so the API can call [Analyse] for the SPC calculator
// and for a standard's own series alike. [Request] is the JSON wire format of
// POST /api/v1/spc, [Input.Validate] lists the fields that make a 422, and
// [Result] is the response body ([Result.AppendJSON] writes it fast).
package spc
