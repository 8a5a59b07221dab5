package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"gorm.io/gorm"

	"assure/internal/testapp"
	"assure/models"
	"assure/services/audit"
)

type auditEventBody struct {
	Seq          int64           `json:"seq"`
	At           time.Time       `json:"at"`
	ActorUserID  *string         `json:"actor_user_id"`
	ActorTokenID *string         `json:"actor_token_id"`
	ActorLabel   string          `json:"actor_label"`
	Action       string          `json:"action"`
	EntityType   string          `json:"entity_type"`
	EntityID     string          `json:"entity_id"`
	Before       json.RawMessage `json:"before"`
	After        json.RawMessage `json:"after"`
	RequestID    string          `json:"request_id"`
	PrevHash     string          `json:"prev_hash"`
	Hash         string          `json:"hash"`
}

type auditListBody struct {
	Items      []auditEventBody `json:"items"`
	NextCursor *string          `json:"next_cursor"`
}

func listAudit(t testing.TB, ta *testapp.App, token, query string) auditListBody {
	t.Helper()
	r := ta.Get(t, "/api/v1/audit?"+query, token)
	if r.Code != http.StatusOK {
		t.Fatalf("audit ?%s: %d %s", query, r.Code, r.Body.String())
	}
	var b auditListBody
	r.JSON(t, &b)
	return b
}

func TestAuditListFiltersAndPages(t *testing.T) {
	ta := testapp.New(t)
	adminUser := ta.UserWith(t, models.RoleAdmin)
	admin := ta.TokenFor(t, adminUser)
	board := ta.Token(t, models.RoleBoard)
	start := ta.Clock.Now().Add(-time.Second)

	// Three changes by one admin to one user, a minute apart.
	u := ta.UserWith(t, models.RoleClinician)
	for _, roles := range [][]string{{"improver"}, {"board"}, {"executive"}} {
		ta.Clock.Advance(time.Minute)
		if r := patchUser(t, ta, admin, u.ID, "", map[string]any{"roles": roles}); r.Code != http.StatusOK {
			t.Fatalf("patch: %d %s", r.Code, r.Body.String())
		}
	}
	byEntity := listAudit(t, ta, board, "entity_type=user&entity_id="+u.ID)
	if len(byEntity.Items) != 4 || byEntity.Items[0].Action != "user.roles_changed" || byEntity.Items[3].Action != "user.created" {
		t.Fatalf("by entity: %+v", byEntity.Items)
	}
	for i := 1; i < len(byEntity.Items); i++ {
		if byEntity.Items[i].Seq >= byEntity.Items[i-1].Seq {
			t.Fatalf("not newest first: %d then %d", byEntity.Items[i-1].Seq, byEntity.Items[i].Seq)
		}
	}
	top := byEntity.Items[0]
	if top.ActorUserID == nil || *top.ActorUserID != adminUser.ID || top.ActorLabel != adminUser.Email ||
		string(top.Before) != `{"roles":["board"]}` || string(top.After) != `{"roles":["executive"]}` || len(top.Hash) != 64 || top.RequestID == "" {
		t.Errorf("newest event %+v before=%s after=%s", top, top.Before, top.After)
	}
	if created := byEntity.Items[3]; string(created.Before) != "null" {
		t.Errorf("user.created before = %s, want null", created.Before)
	}
	if got := listAudit(t, ta, board, "actor_id="+adminUser.ID); len(got.Items) != 3 {
		t.Errorf("by actor: %d events, want 3", len(got.Items))
	}
	if got := listAudit(t, ta, board, "action=user.roles_changed&entity_id="+u.ID); len(got.Items) != 3 {
		t.Errorf("by action: %d events, want 3", len(got.Items))
	}
	// Time range: [from, to) around the second change only.
	from := start.Add(90 * time.Second).UTC().Format(time.RFC3339Nano)
	to := start.Add(150 * time.Second).UTC().Format(time.RFC3339Nano)
	got := listAudit(t, ta, board, "entity_id="+u.ID+"&from="+url.QueryEscape(from)+"&to="+url.QueryEscape(to))
	if len(got.Items) != 1 || string(got.Items[0].After) != `{"roles":["board"]}` {
		t.Errorf("time range: %+v", got.Items)
	}
	// Paging: one at a time, following next_cursor, each event once.
	var seqs []int64
	cursor := ""
	for i := 0; ; i++ {
		if i > 5 {
			t.Fatal("paging does not end")
		}
		q := "limit=1&entity_id=" + u.ID
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		page := listAudit(t, ta, board, q)
		for _, e := range page.Items {
			seqs = append(seqs, e.Seq)
		}
		if page.NextCursor == nil {
			break
		}
		cursor = *page.NextCursor
	}
	if len(seqs) != 4 || seqs[0] != byEntity.Items[0].Seq || seqs[3] != byEntity.Items[3].Seq {
		t.Errorf("paged seqs %v", seqs)
	}

	for q, field := range map[string]string{
		"actor_id=someone":              "actor_id",
		"from=yesterday":                "from",
		"to=2026-13-01":                 "to",
		"from=2026-02-01&to=2026-01-01": "to",
		"limit=0":                       "limit",
		"limit=501":                     "limit",
		"limit=many":                    "limit",
		"cursor=***":                    "cursor",
		"cursor=LTU":                    "cursor", // "-5"
		"entity_id=a%00b":               "entity_id",
		"action=%01":                    "action",
	} {
		p := testapp.ExpectProblem(t, ta.Get(t, "/api/v1/audit?"+q, board), http.StatusUnprocessableEntity)
		if !inList(testapp.FieldErrors(t, p), field) {
			t.Errorf("?%s: errors %v, want %s", q, p["errors"], field)
		}
	}
}

func TestAuditListRefusesRolesWithoutAuditRead(t *testing.T) {
	ta := testapp.New(t)
	for _, role := range []models.Role{models.RoleClinician, models.RoleImprover} {
		testapp.ExpectProblem(t, ta.Get(t, "/api/v1/audit", ta.Token(t, role)), http.StatusForbidden)
	}
	for _, role := range []models.Role{models.RoleBoard, models.RoleExecutive, models.RoleAdmin} {
		if r := ta.Get(t, "/api/v1/audit", ta.Token(t, role)); r.Code != http.StatusOK {
			t.Errorf("%s: %d", role, r.Code)
		}
	}
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/audit", ""), http.StatusUnauthorized)
}

func TestAuditTokenActionsAreAttributedToTheToken(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	tok := createAPIToken(t, ta, admin, "attributed")
	got := listAudit(t, ta, admin, "entity_type=api_token&entity_id="+tok.ID)
	if len(got.Items) != 1 || got.Items[0].Action != "api_token.created" {
		t.Fatalf("token events %+v", got.Items)
	}
	// Events the token itself causes carry its id and label; actor_id finds them.
	actor, err := ta.App.Auth.Authenticate(context.Background(), tok.Token)
	if err != nil {
		t.Fatal(err)
	}
	err = ta.App.DB.Gorm.Transaction(func(tx *gorm.DB) error {
		return ta.App.Audit.Record(tx, actor, "test.token_acted", "test", tok.ID, nil, map[string]any{"ok": true})
	})
	if err != nil {
		t.Fatal(err)
	}
	got = listAudit(t, ta, admin, "actor_id="+tok.ID)
	if len(got.Items) != 1 || got.Items[0].ActorTokenID == nil || *got.Items[0].ActorTokenID != tok.ID ||
		got.Items[0].ActorUserID != nil || got.Items[0].ActorLabel != "attributed" {
		t.Errorf("events by the token: %+v", got.Items)
	}
}

func TestAuditRowsCannotBeEditedInSQL(t *testing.T) {
	ta := testapp.New(t)
	ta.UserWith(t, models.RoleClinician) // at least one event
	db := ta.App.DB.Gorm
	var seq int64
	if err := db.Raw("SELECT max(seq) FROM audit_events").Scan(&seq).Error; err != nil || seq == 0 {
		t.Fatalf("no audit events: %v", err)
	}
	for name, stmt := range map[string]string{
		"update":   "UPDATE audit_events SET action = 'user.nothing_happened' WHERE seq = ?",
		"delete":   "DELETE FROM audit_events WHERE seq = ?",
		"truncate": "TRUNCATE audit_events",
	} {
		args := []any{seq}
		if name == "truncate" {
			args = nil
		}
		if err := db.Exec(stmt, args...).Error; err == nil {
			t.Errorf("%s of an audit row succeeded", name)
		}
	}
	if n := ta.Count(t, "audit_events", "seq = ? AND action <> 'user.nothing_happened'", seq); n != 1 {
		t.Error("the audit row changed")
	}
	// And the package's chain, written by every test so far, still verifies.
	if n, err := audit.Verify(context.Background(), db); err != nil || n < seq {
		t.Errorf("verify: %d events, %v", n, err)
	}
}
