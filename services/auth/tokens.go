package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// API tokens.
const (
	// APITokenPrefix starts every API token, so scanners and people can tell
	// one apart from an access token (and secret scanners can find leaks).
	APITokenPrefix = "assure_pat_"
	// MaxAPITokenLifetime is the longest an API token may live: a year, with
	// a day's grace so "same date next year" is always accepted.
	MaxAPITokenLifetime = 366 * 24 * time.Hour
	// lastUsedGranularity bounds writes: last_used_at is updated at most this
	// often, however busy the token.
	lastUsedGranularity = time.Minute
)

// NewAPIToken is the input for CreateAPIToken.
type NewAPIToken struct {
	Label     string
	Scopes    []string
	ExpiresAt time.Time
}

// APITokenView is an API token as listed: never its hash.
type APITokenView struct {
	models.APIToken
	CreatedByName string
}

// APITokenPage is one page of API tokens, newest first.
type APITokenPage struct {
	Items      []APITokenView
	NextCursor string
}

// APITokenAudit is what the audit trail records of a token: never its hash.
func APITokenAudit(t models.APIToken) map[string]any {
	return map[string]any{"id": t.ID, "label": t.Label, "scopes": t.Scopes, "expires_at": t.ExpiresAt, "revoked_at": t.RevokedAt}
}

func (s *Service) validateAPIToken(in NewAPIToken, now time.Time) error {
	v := &services.ValidationError{}
	label := strings.TrimSpace(in.Label)
	if label == "" {
		v.Add("label", "is required")
	} else if len([]rune(label)) > 100 {
		v.Add("label", "must be at most 100 characters")
	} else if hasControl(label) {
		v.Add("label", "must not contain control characters")
	}
	if len(in.Scopes) == 0 {
		v.Add("scopes", "must name at least one scope")
	}
	for i, sc := range in.Scopes {
		if !access.ValidScope(sc) {
			v.Add(fmt.Sprintf("scopes[%d]", i), "must be one of %s", scopeList())
		}
	}
	switch {
	case in.ExpiresAt.IsZero():
		v.Add("expires_at", "is required")
	case !in.ExpiresAt.After(now):
		v.Add("expires_at", "must be in the future")
	case in.ExpiresAt.Sub(now) > MaxAPITokenLifetime:
		v.Add("expires_at", "must be at most a year from now")
	}
	return v.Err()
}

func scopeList() string {
	out := make([]string, len(access.Scopes))
	for i, s := range access.Scopes {
		out[i] = string(s)
	}
	return strings.Join(out, ", ")
}

// CreateAPIToken makes an API token and returns it with its secret, which is
// shown this once and never again.
func (s *Service) CreateAPIToken(ctx context.Context, actor access.Actor, in NewAPIToken) (models.APIToken, string, error) {
	if !actor.Can(access.TokensManage) {
		return models.APIToken{}, "", services.ErrForbidden
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	if err := s.validateAPIToken(in, now); err != nil {
		return models.APIToken{}, "", err
	}
	seen := map[string]bool{}
	scopes := models.StringArray{}
	for _, sc := range in.Scopes {
		if !seen[sc] {
			seen[sc] = true
			scopes = append(scopes, sc)
		}
	}
	secret := APITokenPrefix + newSecret()
	t := models.APIToken{
		Label: strings.TrimSpace(in.Label), TokenHash: hashSecret(secret), Scopes: scopes,
		CreatedAt: now, ExpiresAt: in.ExpiresAt.UTC().Truncate(time.Microsecond), Version: 1,
	}
	if actor.UserID != "" {
		t.CreatedBy = &actor.UserID
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&t).Error; err != nil {
			return services.DBError("create API token", err)
		}
		return s.audit.Record(tx, actor, "api_token.created", "api_token", t.ID, nil, APITokenAudit(t))
	})
	if err != nil {
		return models.APIToken{}, "", err
	}
	return t, secret, nil
}

// APITokenQuery selects a page of API tokens.
type APITokenQuery struct {
	Limit  int
	Cursor string
}

// ListAPITokens lists API tokens, newest first, revoked and expired ones too
// (the list is the record of what machine credentials existed).
func (s *Service) ListAPITokens(ctx context.Context, actor access.Actor, q APITokenQuery) (APITokenPage, error) {
	if !actor.Can(access.TokensManage) {
		return APITokenPage{}, services.ErrForbidden
	}
	limit, err := services.PageLimit(q.Limit)
	if err != nil {
		return APITokenPage{}, err
	}
	cur, err := services.DecodeCursor(q.Cursor, 1)
	if err != nil {
		return APITokenPage{}, err
	}
	db := s.db.WithContext(ctx).Table("api_tokens t").
		Select("t.*, coalesce(u.name, '') AS created_by_name").
		Joins("LEFT JOIN users u ON u.id = t.created_by")
	if cur != nil {
		if _, perr := uuid.Parse(cur[0]); perr != nil {
			return APITokenPage{}, services.Invalid("cursor", "is not a cursor this list gave out; start again without it")
		}
		db = db.Where("t.id < ?", cur[0])
	}
	var items []APITokenView
	// UUIDv7 ids sort by creation time.
	if err := db.Order("t.id DESC").Limit(limit + 1).Scan(&items).Error; err != nil {
		return APITokenPage{}, fmt.Errorf("list API tokens: %w", err)
	}
	page := APITokenPage{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = services.EncodeCursor(items[limit-1].ID)
	}
	return page, nil
}

// RevokeAPIToken ends an API token at once. Revoking a revoked token changes
// nothing and is not an error.
func (s *Service) RevokeAPIToken(ctx context.Context, actor access.Actor, id string) (models.APIToken, error) {
	if !actor.Can(access.TokensManage) {
		return models.APIToken{}, services.ErrForbidden
	}
	if _, err := uuid.Parse(id); err != nil {
		return models.APIToken{}, fmt.Errorf("API token %q: %w", id, services.ErrNotFound)
	}
	now := s.now().UTC()
	var t models.APIToken
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&t).Error; err != nil {
			return services.DBError("load API token", err)
		}
		if t.RevokedAt != nil {
			return nil
		}
		before := APITokenAudit(t)
		t.RevokedAt = &now
		if actor.UserID != "" {
			t.RevokedBy = &actor.UserID
		}
		t.Version++
		if err := tx.Model(&t).Select("revoked_at", "revoked_by", "version").Updates(&t).Error; err != nil {
			return services.DBError("revoke API token", err)
		}
		return s.audit.Record(tx, actor, "api_token.revoked", "api_token", t.ID, before, APITokenAudit(t))
	})
	return t, err
}

// authenticateAPIToken turns an API token into an Actor holding its scopes.
// Revocation and expiry take effect at once: the row is read every time (one
// indexed lookup), and last_used_at is written at most once a minute.
func (s *Service) authenticateAPIToken(ctx context.Context, bearer string) (access.Actor, error) {
	rejected := fmt.Errorf("%w: the API token is not valid, has expired or was revoked", services.ErrUnauthenticated)
	if len(bearer) > 200 {
		return access.Actor{}, rejected
	}
	var t models.APIToken
	err := s.db.WithContext(ctx).Where("token_hash = ?", hashSecret(bearer)).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return access.Actor{}, rejected
	}
	if err != nil {
		return access.Actor{}, fmt.Errorf("look up API token: %w", err)
	}
	now := s.now().UTC()
	if t.RevokedAt != nil || !now.Before(t.ExpiresAt) {
		return access.Actor{}, rejected
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= lastUsedGranularity {
		// Bookkeeping, not a change anyone governs: no audit event, and a
		// failure here must not refuse the request.
		err := s.db.WithContext(ctx).Exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
			now, t.ID, now.Add(-lastUsedGranularity)).Error
		if err != nil {
			s.log.WarnContext(ctx, "could not record API token use", "token_id", t.ID, "error", err.Error())
		}
	}
	scopes := make([]access.Scope, len(t.Scopes))
	for i, sc := range t.Scopes {
		scopes[i] = access.Scope(sc)
	}
	return access.Actor{TokenID: t.ID, Label: t.Label, Scopes: scopes}, nil
}
