package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/audit"
)

type auditHandlers struct {
	log *audit.Log
}

func (s *Server) auditRoutes() {
	h := &auditHandlers{log: s.app.AuditLog}
	s.handle(http.MethodGet, "/audit", access.AuditRead, h.list)
}

type auditEventResponse struct {
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

func (h *auditHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	limit, cursor := readListParams(c, v)
	f := audit.Filter{
		EntityType: c.Query("entity_type"), EntityID: c.Query("entity_id"), ActorID: c.Query("actor_id"),
		Action: c.Query("action"), Limit: limit, Cursor: cursor,
		From: queryTimeParam(c, "from", v), To: queryTimeParam(c, "to", v),
	}
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.log.List(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toAuditEventResponse)
}

func toAuditEventResponse(e models.AuditEvent) auditEventResponse {
	return auditEventResponse{
		Seq: e.Seq, At: e.At.UTC(), ActorUserID: e.ActorUserID, ActorTokenID: e.ActorTokenID, ActorLabel: e.ActorLabel,
		Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID,
		Before: nullJSON(e.Before), After: nullJSON(e.After), RequestID: e.RequestID, PrevHash: e.PrevHash, Hash: e.Hash,
	}
}

// nullJSON makes an absent before/after encode as null rather than nothing.
func nullJSON(m json.RawMessage) json.RawMessage {
	if len(m) == 0 {
		return json.RawMessage("null")
	}
	return m
}
