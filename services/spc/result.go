package spc

// Result is the analysis of a series: the JSON response of POST /api/v1/spc.
// Every number the method leaves undefined is nil (JSON null).
type Result struct {
	Points   []PointResult `json:"points"`
	Segments []Segment     `json:"segments"`
	// Variation is the variation icon, from the last point's type; nil for
	// an empty series.
	Variation *string `json:"variation"`
	// Assurance is the assurance icon; nil without a target, for a neutral
	// measure and for an empty series.
	Assurance *string `json:"assurance"`
}

// PointResult is one period of the chart. Mean and limits are its segment's.
// Pointers in a Result may be shared between points and with the result's
// segments; treat a Result as read-only.
type PointResult struct {
	Period       Date     `json:"period"`
	Value        *float64 `json:"value"`
	Segment      int      `json:"segment"`
	Mean         *float64 `json:"mean"`
	LowerLimit   *float64 `json:"lower_limit"`
	UpperLimit   *float64 `json:"upper_limit"`
	SpecialCause *string  `json:"special_cause"`
	PointType    string   `json:"point_type"`
}

// Segment is a run of periods between rebases with its own mean and limits.
type Segment struct {
	Start           Date     `json:"start"`
	Points          int      `json:"points"`
	Mean            *float64 `json:"mean"`
	LowerLimit      *float64 `json:"lower_limit"`
	UpperLimit      *float64 `json:"upper_limit"`
	MeanMovingRange *float64 `json:"mean_moving_range"`
	// Short is true with fewer than ShortSegmentPoints points: the UI must
	// say the limits are provisional.
	Short bool `json:"short"`
}

// ShortSegmentPoints is the number of points below which a segment's limits
// are provisional (SPC.md, "Short segments"; the package's
// ptd_spc.warning_threshold default).
const ShortSegmentPoints = 13

// Special causes of a point (SPC.md, "Special-cause rules").
const (
	CauseAboveUpperLimit = "above_upper_limit"
	CauseBelowLowerLimit = "below_lower_limit"
	CauseTrendIncreasing = "trend_increasing"
	CauseTrendDecreasing = "trend_decreasing"
	CauseTwoOfThreeAbove = "two_of_three_above"
	CauseTwoOfThreeBelow = "two_of_three_below"
	CauseRunAboveMean    = "run_above_mean"
	CauseRunBelowMean    = "run_below_mean"
)

// Point types: how a point is coloured (SPC.md, "Point type").
const (
	PointImprovement = "improvement"
	PointConcern     = "concern"
	PointCommonCause = "common_cause"
	PointNeutralHigh = "neutral_high"
	PointNeutralLow  = "neutral_low"
)

// Variation icons (SPC.md, "Variation icon").
const (
	VariationCommonCause     = "common_cause"
	VariationImprovementHigh = "improvement_high"
	VariationImprovementLow  = "improvement_low"
	VariationConcernHigh     = "concern_high"
	VariationConcernLow      = "concern_low"
	VariationNeutralHigh     = "neutral_high"
	VariationNeutralLow      = "neutral_low"
)

// Assurance icons (SPC.md, "Assurance").
const (
	AssurancePass         = "pass"
	AssuranceFail         = "fail"
	AssuranceInconsistent = "inconsistent"
)

// Colours of the point types, as Making Data Count draws them.
const (
	ColourImprovement = "#00B0F0" // blue
	ColourConcern     = "#E46C0A" // orange
	ColourCommonCause = "#A6A6A6" // grey
	ColourNeutral     = "#490092" // purple
)

// Colour returns the MDC colour of a point type, or "" for an unknown one.
func Colour(pointType string) string {
	switch pointType {
	case PointImprovement:
		return ColourImprovement
	case PointConcern:
		return ColourConcern
	case PointCommonCause:
		return ColourCommonCause
	case PointNeutralHigh, PointNeutralLow:
		return ColourNeutral
	default:
		return ""
	}
}
