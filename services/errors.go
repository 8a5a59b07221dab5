// Package services holds what every domain service shares: the errors they
// return in domain terms, and the limits and cursors of paged lists
// (paging.go). The areas themselves live in sub-packages
// (services/auth, services/standards, …); api/ maps these errors to problem
// details in one place.
package services

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Sentinel errors. Wrap them with fmt.Errorf("…: %w", ErrX) to add context.
var (
	// ErrNotFound: the thing does not exist, or the caller may not see it.
	ErrNotFound = errors.New("not found")
	// ErrForbidden: the caller may see the thing but not do this to it.
	ErrForbidden = errors.New("forbidden")
	// ErrConflict: illegal transition, duplicate key, locked record.
	ErrConflict = errors.New("conflict")
	// ErrPreconditionFailed: a stale If-Match.
	ErrPreconditionFailed = errors.New("precondition failed")
	// ErrUnauthenticated: no valid credentials.
	ErrUnauthenticated = errors.New("unauthenticated")
)

// FieldError is one invalid field, named as in the JSON the client sent.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	// Row is the 1-based data row of a bulk upload, 0 otherwise.
	Row int `json:"row,omitempty"`
}

// ValidationError lists every invalid field of one request.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, f.Field+": "+f.Message)
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// Add records one invalid field.
func (e *ValidationError) Add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns e when it holds any field, nil otherwise.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Invalid is shorthand for a ValidationError about one field.
func Invalid(field, format string, args ...any) error {
	v := &ValidationError{}
	v.Add(field, format, args...)
	return v
}

// ConflictError is ErrConflict with a message the user can act on.
type ConflictError struct{ Reason string }

func (e *ConflictError) Error() string { return e.Reason }

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Conflict returns a ConflictError with a formatted reason.
func Conflict(format string, args ...any) error {
	return &ConflictError{Reason: fmt.Sprintf(format, args...)}
}

// DBError translates gorm's translated driver errors into service errors, so
// nothing above a service sees a driver error. what names the operation.
func DBError(what string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("%s: %w", what, &ConflictError{Reason: "it already exists"})
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return fmt.Errorf("%s: %w", what, &ConflictError{Reason: "it refers to something that does not exist, or is still referred to"})
	default:
		return fmt.Errorf("%s: %w", what, err)
	}
}
