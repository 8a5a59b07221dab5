package standards

import (
	"reflect"
	"testing"

	"assure/models"
	"assure/services/access"
)

// TestOwnerMayChangeOnlyTheText sets each field of Change in turn: only the
// text fields keep a change within the owner's rights. A field added to
// Change later is refused to owners until it is listed here on purpose.
func TestOwnerMayChangeOnlyTheText(t *testing.T) {
	text := map[string]bool{"Title": true, "Rationale": true, "Metric": true, "References": true, "ReviewDue": true}
	typ := reflect.TypeFor[Change]()
	for i := range typ.NumField() {
		field := typ.Field(i)
		var c Change
		v := reflect.ValueOf(&c).Elem().Field(i)
		switch v.Kind() {
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
		case reflect.Struct: // catalogue.Optional
			v.FieldByName("Set").SetBool(true)
		default:
			t.Fatalf("field %s of kind %s: teach this test about it", field.Name, v.Kind())
		}
		if got := c.ownerMayChange(); got != text[field.Name] {
			t.Errorf("changing %s: ownerMayChange = %v, want %v", field.Name, got, text[field.Name])
		}
	}
	if !(Change{}).ownerMayChange() {
		t.Error("an empty change is not the owner's to make")
	}
}

func TestMayEdit(t *testing.T) {
	owner := "0190a8f0-1234-7000-8000-000000000001"
	st := Standard{Standard: models.Standard{OwnerID: &owner}}
	admin := access.Actor{UserID: "0190a8f0-1234-7000-8000-000000000002", Roles: []models.Role{models.RoleAdmin}}
	ownerActor := access.Actor{UserID: owner, Roles: []models.Role{models.RoleClinician}}
	other := access.Actor{UserID: "0190a8f0-1234-7000-8000-000000000003", Roles: []models.Role{models.RoleImprover}}
	token := access.Actor{TokenID: owner, Scopes: []access.Scope{access.ScopeMeasurementsWrite}}
	for _, c := range []struct {
		name     string
		actor    access.Actor
		st       Standard
		textOnly bool
		want     bool
	}{
		{"an admin changes anything", admin, st, false, true},
		{"the owner changes the text", ownerActor, st, true, true},
		{"the owner does not change the rest", ownerActor, st, false, false},
		{"someone else changes nothing", other, st, true, false},
		{"an API token is nobody's owner", token, st, true, false},
		{"nobody owns an unowned standard", ownerActor, Standard{}, true, false},
	} {
		if got := mayEdit(c.actor, c.st, c.textOnly); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
