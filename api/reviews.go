package api

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/reviews"
	"assure/services/spc"
)

type reviewHandlers struct {
	reviews *reviews.Service
}

// reviewRoutes: board reviews. Readers of reviews see them and their board
// packs; only the board (reviews.decide) schedules, decides and closes.
func (s *Server) reviewRoutes() {
	h := &reviewHandlers{reviews: s.app.Reviews}
	s.handle(http.MethodGet, "/reviews", access.ReviewsRead, h.list)
	s.handle(http.MethodPost, "/reviews", access.ReviewsDecide, h.create)
	s.handle(http.MethodGet, "/reviews/:id", access.ReviewsRead, h.get)
	s.handle(http.MethodPatch, "/reviews/:id", access.ReviewsDecide, h.update)
	s.handle(http.MethodPost, "/reviews/:id/items", access.ReviewsDecide, h.addItem)
	s.handle(http.MethodPut, "/reviews/:id/items/:item_id/decision", access.ReviewsDecide, h.decide)
	s.handle(http.MethodPost, "/reviews/:id/agenda/refresh", access.ReviewsDecide, h.refresh)
	s.handle(http.MethodPost, "/reviews/:id/close", access.ReviewsDecide, h.close)
	s.handle(http.MethodGet, "/reviews/:id/pack", access.ReviewsRead, h.pack)
	s.handle(http.MethodGet, "/reviews/:id/pack.csv", access.ReviewsRead, h.packCSV)
}

type reviewCreateRequest struct {
	Title       string   `json:"title"`
	MeetingDate string   `json:"meeting_date"`
	MemberIDs   []string `json:"member_ids"`
	BuildAgenda *bool    `json:"build_agenda"`
}

type reviewUpdateRequest struct {
	Title       *string   `json:"title"`
	MeetingDate *string   `json:"meeting_date"`
	MemberIDs   *[]string `json:"member_ids"`
	Minutes     *string   `json:"minutes"`
}

type reviewItemRequest struct {
	Kind     string `json:"kind"`
	EntityID string `json:"entity_id"`
	Title    string `json:"title"`
	Detail   string `json:"detail"`
}

type reviewDecisionRequest struct {
	Decision string `json:"decision"`
	Text     string `json:"text"`
}

type reviewMemberResponse struct {
	UserID string `json:"user_id"`
	Name   string `json:"name"`
}

type reviewItemResponse struct {
	ID            string                 `json:"id"`
	Position      int                    `json:"position"`
	Kind          models.ItemKind        `json:"kind"`
	EntityID      *string                `json:"entity_id"`
	Reasons       []string               `json:"reasons"`
	Title         string                 `json:"title"`
	Detail        string                 `json:"detail"`
	Source        models.ItemSource      `json:"source"`
	Link          string                 `json:"link"`
	State         string                 `json:"state"`
	Decision      *models.ReviewDecision `json:"decision"`
	DecisionText  string                 `json:"decision_text"`
	DecidedBy     *string                `json:"decided_by"`
	DecidedByName *string                `json:"decided_by_name"`
	DecidedAt     *time.Time             `json:"decided_at"`
}

type reviewResponse struct {
	ID           string                 `json:"id"`
	Title        string                 `json:"title"`
	MeetingDate  string                 `json:"meeting_date"`
	Status       models.ReviewStatus    `json:"status"`
	Minutes      string                 `json:"minutes"`
	ClosedAt     *time.Time             `json:"closed_at"`
	ClosedBy     *string                `json:"closed_by"`
	ClosedByName *string                `json:"closed_by_name"`
	Members      []reviewMemberResponse `json:"members"`
	Items        []reviewItemResponse   `json:"items"`
	Version      int                    `json:"version"`
	CreatedAt    time.Time              `json:"created_at"`
	UpdatedAt    time.Time              `json:"updated_at"`
}

func utcTimePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func toReviewResponse(r reviews.Review) reviewResponse {
	out := reviewResponse{
		ID: r.ID, Title: r.Title, MeetingDate: r.MeetingDate.Format(time.DateOnly), Status: r.Status, Minutes: r.Minutes,
		ClosedAt: utcTimePtr(r.ClosedAt), ClosedBy: r.ClosedBy, ClosedByName: r.ClosedByName,
		Members: make([]reviewMemberResponse, len(r.Members)), Items: make([]reviewItemResponse, len(r.Items)),
		Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	for i, m := range r.Members {
		out.Members[i] = reviewMemberResponse{UserID: m.UserID, Name: m.Name}
	}
	for i, it := range r.Items {
		out.Items[i] = reviewItemResponse{ID: it.ID, Position: it.Position, Kind: it.Kind, EntityID: it.EntityID,
			Reasons: append([]string{}, it.Reasons...), Title: it.Title, Detail: it.Detail, Source: it.Source,
			Link: it.Link, State: it.State, Decision: it.Decision, DecisionText: it.DecisionText,
			DecidedBy: it.DecidedBy, DecidedByName: it.DecidedByName, DecidedAt: utcTimePtr(it.DecidedAt)}
	}
	return out
}

func (h *reviewHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	f := reviews.Filter{Status: c.Query("status")}
	f.Limit, f.Cursor = improvementListParams(c, v)
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.reviews.List(c.Request.Context(), f)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toReviewResponse)
}

func (h *reviewHandlers) respond(c *gin.Context, status int, r reviews.Review, err error) {
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, r.Version)
	c.JSON(status, toReviewResponse(r))
}

func (h *reviewHandlers) create(c *gin.Context) {
	var in reviewCreateRequest
	if !bindJSON(c, &in) {
		return
	}
	r, err := h.reviews.Create(c.Request.Context(), actor(c), reviews.NewReview{
		Title: in.Title, MeetingDate: in.MeetingDate, MemberIDs: in.MemberIDs, BuildAgenda: in.BuildAgenda})
	if err == nil {
		c.Header("Location", "/api/v1/reviews/"+r.ID)
	}
	h.respond(c, http.StatusCreated, r, err)
}

func (h *reviewHandlers) get(c *gin.Context) {
	r, err := h.reviews.Get(c.Request.Context(), c.Param("id"))
	h.respond(c, http.StatusOK, r, err)
}

func (h *reviewHandlers) update(c *gin.Context) {
	var in reviewUpdateRequest
	if !bindJSON(c, &in) {
		return
	}
	r, err := h.reviews.Update(c.Request.Context(), actor(c), c.Param("id"), reviews.Change{
		Title: in.Title, MeetingDate: in.MeetingDate, MemberIDs: in.MemberIDs, Minutes: in.Minutes}, ifMatchVersions(c))
	h.respond(c, http.StatusOK, r, err)
}

func (h *reviewHandlers) addItem(c *gin.Context) {
	var in reviewItemRequest
	if !bindJSON(c, &in) {
		return
	}
	r, err := h.reviews.AddItem(c.Request.Context(), actor(c), c.Param("id"), reviews.NewItem{
		Kind: in.Kind, EntityID: in.EntityID, Title: in.Title, Detail: in.Detail}, ifMatchVersions(c))
	h.respond(c, http.StatusCreated, r, err)
}

func (h *reviewHandlers) decide(c *gin.Context) {
	var in reviewDecisionRequest
	if !bindJSON(c, &in) {
		return
	}
	r, err := h.reviews.Decide(c.Request.Context(), actor(c), c.Param("id"), c.Param("item_id"),
		reviews.Decision{Decision: in.Decision, Text: in.Text}, ifMatchVersions(c))
	h.respond(c, http.StatusOK, r, err)
}

func (h *reviewHandlers) refresh(c *gin.Context) {
	r, err := h.reviews.RefreshAgenda(c.Request.Context(), actor(c), c.Param("id"), ifMatchVersions(c))
	h.respond(c, http.StatusOK, r, err)
}

func (h *reviewHandlers) close(c *gin.Context) {
	r, err := h.reviews.Close(c.Request.Context(), actor(c), c.Param("id"), ifMatchVersions(c))
	h.respond(c, http.StatusOK, r, err)
}

type reviewFigureResponse struct {
	ItemID       string     `json:"item_id"`
	Position     int        `json:"position"`
	StandardID   string     `json:"standard_id"`
	Code         string     `json:"code"`
	Title        string     `json:"title"`
	Unit         string     `json:"unit"`
	Threshold    float64    `json:"threshold"`
	ChangePeriod *string    `json:"change_period"`
	Chart        spc.Result `json:"chart"`
}

type reviewPackResponse struct {
	Review  reviewResponse         `json:"review"`
	Figures []reviewFigureResponse `json:"figures"`
}

func (h *reviewHandlers) pack(c *gin.Context) {
	p, err := h.reviews.Pack(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	out := reviewPackResponse{Review: toReviewResponse(p.Review), Figures: make([]reviewFigureResponse, len(p.Figures))}
	for i, f := range p.Figures {
		out.Figures[i] = reviewFigureResponse{ItemID: f.ItemID, Position: f.Position, StandardID: f.StandardID, Code: f.Code,
			Title: f.Title, Unit: f.Unit, Threshold: f.Threshold, ChangePeriod: isoDayPtr(f.ChangePeriod), Chart: f.Chart}
	}
	c.JSON(http.StatusOK, out)
}

// packCSV sends the board pack as one CSV file with a section column
// (reviews.PackColumns documents the layout).
func (h *reviewHandlers) packCSV(c *gin.Context) {
	p, err := h.reviews.Pack(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	var buf bytes.Buffer
	if err := p.WriteCSV(&buf); err != nil {
		writeError(c, err)
		return
	}
	name := fmt.Sprintf("board-pack-%s.csv", p.Review.MeetingDate.Format(time.DateOnly))
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
