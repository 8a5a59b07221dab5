package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/notify"
)

type notificationHandlers struct {
	inbox *notify.Inbox
}

// notificationRoutes: each signed-in person's own in-app inbox.
func (s *Server) notificationRoutes() {
	h := &notificationHandlers{inbox: s.app.Notifications}
	s.handle(http.MethodGet, "/notifications", access.Authenticated, h.list)
	s.handle(http.MethodGet, "/notifications/unread-count", access.Authenticated, h.unreadCount)
	s.handle(http.MethodPost, "/notifications/read-all", access.Authenticated, h.readAll)
	s.handle(http.MethodPost, "/notifications/:id/read", access.Authenticated, h.read)
}

type notificationResponse struct {
	ID         string     `json:"id"`
	Kind       string     `json:"kind"`
	Title      string     `json:"title"`
	Body       string     `json:"body"`
	Link       string     `json:"link"`
	EntityType string     `json:"entity_type"`
	EntityID   *string    `json:"entity_id"`
	CreatedAt  time.Time  `json:"created_at"`
	ReadAt     *time.Time `json:"read_at"`
}

func toNotificationResponse(n models.Notification) notificationResponse {
	r := notificationResponse{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link,
		EntityType: n.EntityType, EntityID: n.EntityID, CreatedAt: n.CreatedAt.UTC()}
	if n.ReadAt != nil {
		t := n.ReadAt.UTC()
		r.ReadAt = &t
	}
	return r
}

func (h *notificationHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	f := notify.Filter{}
	f.Limit, f.Cursor = improvementListParams(c, v)
	if s, ok := c.GetQuery("unread"); ok && s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			v.Add("unread", "must be true or false")
		}
		f.UnreadOnly = b
	}
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.inbox.List(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	writePage(c, page.Items, page.NextCursor, toNotificationResponse)
}

type unreadCountResponse struct {
	Count int64 `json:"count"`
}

func (h *notificationHandlers) unreadCount(c *gin.Context) {
	n, err := h.inbox.UnreadCount(c.Request.Context(), actor(c))
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, unreadCountResponse{Count: n})
}

func (h *notificationHandlers) read(c *gin.Context) {
	n, err := h.inbox.MarkRead(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, toNotificationResponse(n))
}

type readAllResponse struct {
	Marked int64 `json:"marked"`
}

func (h *notificationHandlers) readAll(c *gin.Context) {
	n, err := h.inbox.MarkAllRead(c.Request.Context(), actor(c))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, readAllResponse{Marked: n})
}
