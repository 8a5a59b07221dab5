package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"assure/services"
)

// bindJSON decodes the request body into dst strictly: JSON only, no unknown
// fields, no trailing data, types as declared. On failure it writes the
// problem itself (400 malformed, 413 too large, 415 not JSON, 422 a field of
// the wrong type or unknown) and returns false.
func bindJSON(c *gin.Context, dst any) bool {
	if ct := c.GetHeader("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			writeProblem(c, http.StatusUnsupportedMediaType, "Send the body as application/json.")
			return false
		}
	}
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		writeDecodeError(c, err)
		return false
	}
	// Exactly one JSON value: anything after it is a client bug worth reporting.
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeDecodeError(c, err)
			return false
		}
		writeProblem(c, http.StatusBadRequest, "The body must hold exactly one JSON value.")
		return false
	}
	return true
}

func writeDecodeError(c *gin.Context, err error) {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		writeProblem(c, http.StatusRequestEntityTooLarge, fmt.Sprintf("The body is larger than the %d bytes this endpoint accepts.", mbe.Limit))
	case errors.Is(err, io.EOF):
		writeProblem(c, http.StatusBadRequest, "The body is empty; send a JSON object.")
	case errors.As(err, &syn):
		writeProblem(c, http.StatusBadRequest, fmt.Sprintf("The body is not valid JSON (at byte %d).", syn.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		writeProblem(c, http.StatusBadRequest, "The body is not valid JSON (it ends too soon).")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			writeProblem(c, http.StatusBadRequest, "The body must be a JSON "+jsonKind(typ.Type.Kind().String())+".")
			return
		}
		writeProblem(c, http.StatusUnprocessableEntity, "A field has the wrong type.",
			services.FieldError{Field: field, Message: "must be " + article(jsonKind(typ.Type.Kind().String()))})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json has no typed error for this; the message format is stable.
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		writeProblem(c, http.StatusUnprocessableEntity, "The body has a field this endpoint does not know.",
			services.FieldError{Field: name, Message: "is not a known field"})
	default:
		var ve *services.ValidationError
		if errors.As(err, &ve) { // a custom UnmarshalJSON rejected a value
			writeProblem(c, http.StatusUnprocessableEntity, "Some fields are not valid.", ve.Fields...)
			return
		}
		writeProblem(c, http.StatusBadRequest, "The body could not be read as JSON: "+err.Error())
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	case "map", "struct":
		return "object"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "integer"
	case "float32", "float64":
		return "number"
	default:
		return "value of another type"
	}
}

func article(kind string) string {
	switch kind[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + kind
	}
	return "a " + kind
}
