// Package auth is identity: users and their passwords, access tokens (JWT),
// and turning a bearer credential into an access.Actor.
package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/audit"
)

// ActiveCacheTTL bounds how long a deactivated user's access token keeps
// working: the active check is cached per user for at most this long.
const ActiveCacheTTL = 60 * time.Second

// Service is the identity service.
type Service struct {
	db     *gorm.DB
	audit  *audit.Recorder
	signer *Signer
	hasher *Hasher
	now    func() time.Time

	log *slog.Logger

	mu     sync.Mutex
	active map[string]activeEntry // by activeKey(user, session)
}

type activeEntry struct {
	active  bool // the user is active and the session (if any) is not revoked
	email   string
	roles   []models.Role
	checked time.Time
}

// NewService builds the identity service.
func NewService(db *gorm.DB, rec *audit.Recorder, signer *Signer, hasher *Hasher, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, audit: rec, signer: signer, hasher: hasher, now: now,
		log: slog.New(slog.DiscardHandler), active: map[string]activeEntry{}}
}

// SetLogger sets where sign-in failures and other security events are logged
// (never with a password or a token).
func (s *Service) SetLogger(l *slog.Logger) {
	if l != nil {
		s.log = l
	}
}

// Signer returns the access-token signer.
func (s *Service) Signer() *Signer { return s.signer }

// NewUser is the input for CreateUser.
type NewUser struct {
	Email    string
	Name     string
	Roles    []models.Role
	Password string // empty: the user has no password until one is set
}

// NormaliseEmail trims an address; uniqueness is case-insensitive in the schema.
func NormaliseEmail(e string) string { return strings.TrimSpace(e) }

func validateUser(in NewUser) error {
	v := &services.ValidationError{}
	email := NormaliseEmail(in.Email)
	if email == "" {
		v.Add("email", "is required")
	} else if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 || hasControl(email) {
		v.Add("email", "must be an email address such as jo.bloggs@nhs.net")
	}
	name := strings.TrimSpace(in.Name)
	if name == "" {
		v.Add("name", "is required")
	} else if len([]rune(name)) > 200 {
		v.Add("name", "must be at most 200 characters")
	} else if hasControl(name) {
		v.Add("name", "must not contain control characters")
	}
	if len(in.Roles) == 0 {
		v.Add("roles", "must name at least one role")
	}
	for i, r := range in.Roles {
		if !r.Valid() {
			v.Add(fmt.Sprintf("roles[%d]", i), "must be one of clinician, improver, board, executive, admin")
		}
	}
	if in.Password != "" {
		if err := CheckPasswordRules("password", in.Password); err != nil {
			var ve *services.ValidationError
			if errors.As(err, &ve) {
				v.Fields = append(v.Fields, ve.Fields...)
			}
		}
	}
	return v.Err()
}

// UniqueRoles returns roles without duplicates, in canonical order.
func UniqueRoles(in []models.Role) []models.Role {
	out := []models.Role{}
	for _, r := range models.Roles {
		for _, x := range in {
			if x == r {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

func roleStrings(rs []models.Role) models.StringArray {
	out := make(models.StringArray, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

// RolesOf returns a user's roles as typed values.
func RolesOf(u models.User) []models.Role {
	out := make([]models.Role, 0, len(u.Roles))
	for _, r := range u.Roles {
		out = append(out, models.Role(r))
	}
	return out
}

// CreateUser adds a user. The actor must hold users.manage (the command line
// acts as the system actor). A user created without a password cannot sign
// in until an admin issues a set-password link (CreateAccount, ResetPassword).
func (s *Service) CreateUser(ctx context.Context, actor access.Actor, in NewUser) (models.User, error) {
	u, _, err := s.createUser(ctx, actor, in, false)
	return u, err
}

func (s *Service) createUser(ctx context.Context, actor access.Actor, in NewUser, invite bool) (models.User, *IssuedCode, error) {
	if !actor.Can(access.UsersManage) {
		return models.User{}, nil, services.ErrForbidden
	}
	if err := validateUser(in); err != nil {
		return models.User{}, nil, err
	}
	u := models.User{
		Email:   NormaliseEmail(in.Email),
		Name:    strings.TrimSpace(in.Name),
		Roles:   roleStrings(UniqueRoles(in.Roles)),
		Active:  true,
		Version: 1, // gorm would write 0 over the column's default
	}
	if in.Password != "" {
		h, err := s.hasher.Hash(ctx, in.Password)
		if err != nil {
			return models.User{}, nil, err
		}
		u.PasswordHash = &h
	}
	var code *IssuedCode
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.User{}).Where("lower(email) = lower(?)", u.Email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return services.Conflict("a user with email %s already exists", u.Email)
		}
		if err := tx.Create(&u).Error; err != nil {
			return services.DBError("create user", err)
		}
		if err := s.audit.Record(tx, actor, "user.created", "user", u.ID, nil, UserAudit(u)); err != nil {
			return err
		}
		if !invite {
			return nil
		}
		c, err := s.issueCode(tx, actor, u.ID, PurposeInvite, s.now().UTC().Truncate(time.Microsecond))
		code = &c
		return err
	})
	if err != nil {
		return models.User{}, nil, err
	}
	return u, code, nil
}

// UserAudit is what the audit trail records of a user: never the hash.
func UserAudit(u models.User) map[string]any {
	return map[string]any{"id": u.ID, "email": u.Email, "name": u.Name, "roles": u.Roles, "active": u.Active}
}

// Authenticate turns a bearer credential — an access token or an API token
// (assure_pat_…) — into an Actor. An access token is refused once its user is
// deactivated or its session revoked, checked at most ActiveCacheTTL ago.
func (s *Service) Authenticate(ctx context.Context, bearer string) (access.Actor, error) {
	if strings.HasPrefix(bearer, APITokenPrefix) {
		return s.authenticateAPIToken(ctx, bearer)
	}
	c, err := s.signer.Parse(bearer)
	if err != nil {
		return access.Actor{}, err
	}
	if _, err := uuid.Parse(c.Subject); err != nil {
		return access.Actor{}, fmt.Errorf("%w: subject is not a user id", services.ErrUnauthenticated)
	}
	if _, err := uuid.Parse(c.SessionID); c.SessionID != "" && err != nil {
		return access.Actor{}, fmt.Errorf("%w: sid is not a session id", services.ErrUnauthenticated)
	}
	e, err := s.activeStatus(ctx, c.Subject, c.SessionID)
	if err != nil {
		return access.Actor{}, err
	}
	if !e.active {
		return access.Actor{}, fmt.Errorf("%w: user deactivated or session ended", services.ErrUnauthenticated)
	}
	// Roles come from the database (cached), not the token, so a role removed
	// by an admin stops working within the cache window too.
	return access.Actor{UserID: c.Subject, Label: e.email, Roles: e.roles}, nil
}

func activeKey(userID, sessionID string) string { return userID + "|" + sessionID }

func (s *Service) activeStatus(ctx context.Context, userID, sessionID string) (activeEntry, error) {
	now := s.now()
	key := activeKey(userID, sessionID)
	s.mu.Lock()
	e, ok := s.active[key]
	s.mu.Unlock()
	if ok && now.Sub(e.checked) < ActiveCacheTTL && !e.checked.After(now) {
		return e, nil
	}
	var u models.User
	err := s.db.WithContext(ctx).Select("id", "active", "roles", "email").Where("id = ?", userID).Take(&u).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		e = activeEntry{active: false, checked: now}
	case err != nil:
		return activeEntry{}, fmt.Errorf("check user status: %w", err)
	default:
		e = activeEntry{active: u.Active, email: u.Email, roles: RolesOf(u), checked: now}
	}
	if e.active && sessionID != "" {
		var live int64
		err := s.db.WithContext(ctx).Model(&models.Session{}).
			Where("id = ? AND user_id = ? AND revoked_at IS NULL", sessionID, userID).Count(&live).Error
		if err != nil {
			return activeEntry{}, fmt.Errorf("check session status: %w", err)
		}
		e.active = live == 1
	}
	s.mu.Lock()
	if len(s.active) > 100_000 { // bound memory; entries are cheap to rebuild
		s.active = map[string]activeEntry{}
	}
	s.active[key] = e
	s.mu.Unlock()
	return e, nil
}

// Forget drops a user's cached status (every session of theirs), so a change
// made on this instance takes effect here at once (other instances catch up
// within ActiveCacheTTL).
func (s *Service) Forget(userID string) {
	prefix := activeKey(userID, "")
	s.mu.Lock()
	for k := range s.active {
		if strings.HasPrefix(k, prefix) {
			delete(s.active, k)
		}
	}
	s.mu.Unlock()
}

// forgetSession drops the cached status of one session.
func (s *Service) forgetSession(userID, sessionID string) {
	s.mu.Lock()
	delete(s.active, activeKey(userID, sessionID))
	s.mu.Unlock()
}
