package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
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
	// PostgreSQL cannot store NUL in text, and no field of ours needs one:
	// refuse it here, naming the field, rather than failing at the database.
	if field, ok := findNUL(reflect.ValueOf(dst), ""); ok {
		writeProblem(c, http.StatusUnprocessableEntity, "A field holds a NUL character.",
			services.FieldError{Field: field, Message: "must not contain NUL characters"})
		return false
	}
	return true
}

// findNUL walks a decoded value and returns the JSON path of the first string
// holding a NUL character.
func findNUL(v reflect.Value, path string) (string, bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "", false
		}
		return findNUL(v.Elem(), path)
	case reflect.String:
		return path, strings.ContainsRune(v.String(), 0)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return "", false // raw bytes (json.RawMessage) are checked by whoever decodes them
		}
		for i := 0; i < v.Len(); i++ {
			if f, ok := findNUL(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); ok {
				return f, true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			key := fmt.Sprint(iter.Key().Interface())
			if strings.ContainsRune(key, 0) {
				return joinPath(path, "(key)"), true
			}
			if f, ok := findNUL(iter.Value(), joinPath(path, key)); ok {
				return f, true
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			name := sf.Name
			if tag, _, _ := strings.Cut(sf.Tag.Get("json"), ","); tag == "-" {
				continue
			} else if tag != "" {
				name = tag
			}
			if sf.Anonymous {
				name = ""
			}
			if f, ok := findNUL(v.Field(i), joinPath(path, name)); ok {
				return f, true
			}
		}
	}
	return "", false
}

func joinPath(path, name string) string {
	switch {
	case name == "":
		return path
	case path == "":
		return name
	}
	return path + "." + name
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
		msg := "must be " + article(jsonKind(typ.Type.Kind().String()))
		if typ.Type.Name() == "Date" { // spc.Date and its kin: a calendar date, not an object
			msg = "must be a date in the form YYYY-MM-DD"
		}
		writeProblem(c, http.StatusUnprocessableEntity, "A field has the wrong type.",
			services.FieldError{Field: field, Message: msg})
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
