package main

import (
	"errors"
	"fmt"
	"strings"

	"assure/services"
)

// describe turns a service error into one line an operator can act on.
func describe(err error) error {
	var ve *services.ValidationError
	if errors.As(err, &ve) {
		parts := make([]string, 0, len(ve.Fields))
		for _, f := range ve.Fields {
			parts = append(parts, f.Field+" "+f.Message)
		}
		return fmt.Errorf("not valid: %s", strings.Join(parts, "; "))
	}
	var ce *services.ConflictError
	if errors.As(err, &ce) {
		return errors.New(ce.Reason)
	}
	return err
}
