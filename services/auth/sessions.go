package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// Refresh tokens: each lasts RefreshTokenTTL from its issue (every refresh
// issues a new one), and no session outlives SessionMaxAge from its sign-in.
const (
	RefreshTokenTTL = 12 * time.Hour
	SessionMaxAge   = 7 * 24 * time.Hour
	// sessionKeep is how long an ended session is kept (for reuse detection
	// and the sessions list) before a later sign-in of its user removes it.
	sessionKeep = 30 * 24 * time.Hour
)

// LoginInput is a sign-in attempt.
type LoginInput struct {
	Email     string
	Password  string
	ClientIP  string
	UserAgent string
}

// Tokens is what a sign-in or a refresh hands back. RefreshToken goes into
// the refresh cookie; it is never stored anywhere but as a hash.
type Tokens struct {
	AccessToken      string
	ExpiresIn        time.Duration
	RefreshToken     string
	RefreshExpiresAt time.Time
	RefreshExpiresIn time.Duration
	UserID           string
	SessionID        string
}

// newSecret returns 32 random bytes, base64url-encoded.
func newSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret is how refresh tokens, API tokens and set-password codes are
// stored: SHA-256, hex. They are 256-bit random values, so a fast hash is
// enough (there is nothing to brute-force as there is with a password).
func hashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func validateLogin(in LoginInput) error {
	v := &services.ValidationError{}
	if NormaliseEmail(in.Email) == "" {
		v.Add("email", "is required")
	} else if len(in.Email) > 320 {
		v.Add("email", "must be at most 320 characters")
	} else if hasControl(in.Email) {
		// Not a question of whether the account exists: no email has these.
		v.Add("email", "must not contain control characters")
	}
	if in.Password == "" {
		v.Add("password", "is required")
	} else if len(in.Password) > 1024 {
		v.Add("password", "must be at most 1024 characters")
	}
	return v.Err()
}

// userActor is the actor of a user acting for themselves.
func userActor(u models.User, requestID string) access.Actor {
	return access.Actor{UserID: u.ID, Label: u.Email, Roles: RolesOf(u), RequestID: requestID}
}

// Login checks an email and password and starts a session. Every failure —
// unknown email, wrong password, deactivated account, no password set — is
// ErrInvalidCredentials after the same work (an unknown email is checked
// against a dummy hash), so neither the answer nor its timing tells which.
// Too many recent failures for the account or the address give a
// *ThrottledError before any check. anon carries the request id.
func (s *Service) Login(ctx context.Context, anon access.Actor, in LoginInput) (Tokens, error) {
	if err := validateLogin(in); err != nil {
		return Tokens{}, err
	}
	now := s.now().UTC()
	account, ip := accountKey(in.Email), clientKey(in.ClientIP)
	attempt, err := s.reserveAttempt(ctx, account, ip, now)
	var te *ThrottledError
	if errors.As(err, &te) {
		s.log.WarnContext(ctx, "sign-in throttled", "account", account, "client_ip", ip,
			"retry_after_s", te.RetryAfterSeconds(), "request_id", anon.RequestID)
		return Tokens{}, err
	}
	if err != nil {
		return Tokens{}, err
	}

	var u models.User
	found := true
	err = s.db.WithContext(ctx).Where("lower(email) = ?", account).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		found = false
	} else if err != nil {
		return Tokens{}, errors.Join(fmt.Errorf("look up user: %w", err), s.releaseAttempt(ctx, attempt))
	}
	hash, reason := dummyHash(), ""
	switch {
	case !found:
		reason = "unknown_email"
	case !u.Active:
		reason = "deactivated"
	case u.PasswordHash == nil:
		reason = "no_password"
	default:
		hash = *u.PasswordHash
	}
	ok, stale, err := s.hasher.Check(ctx, in.Password, hash)
	if err != nil {
		return Tokens{}, errors.Join(err, s.releaseAttempt(ctx, attempt))
	}
	if reason == "" && !ok {
		reason = "wrong_password"
	}
	if reason != "" {
		return Tokens{}, s.loginFailed(ctx, anon, in, account, ip, u, reason, now)
	}
	if stale {
		// Today's parameters are stronger than the stored hash's: replace it
		// now that the password is known to be right.
		if h, err := s.hasher.Hash(ctx, in.Password); err == nil {
			u.PasswordHash = &h
		} else {
			s.log.WarnContext(ctx, "could not re-hash a password with current parameters", "user_id", u.ID, "error", err.Error())
			stale = false
		}
	}

	var t Tokens
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// A successful sign-in clears the account's failures (this attempt's
		// reservation among them); the address's other failures stand.
		if err := tx.Exec("DELETE FROM login_failures WHERE account = ?", account).Error; err != nil {
			return fmt.Errorf("clear sign-in failures: %w", err)
		}
		if stale {
			if err := tx.Model(&models.User{}).Where("id = ?", u.ID).Update("password_hash", *u.PasswordHash).Error; err != nil {
				return services.DBError("re-hash password", err)
			}
		}
		if err := tx.Exec("DELETE FROM sessions WHERE user_id = ? AND expires_at < ?", u.ID, now.Add(-sessionKeep)).Error; err != nil {
			return fmt.Errorf("remove old sessions: %w", err)
		}
		sess := models.Session{
			UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(SessionMaxAge), LastUsedAt: now,
			ClientIP: ip, UserAgent: truncate(in.UserAgent, 300),
		}
		if err := tx.Create(&sess).Error; err != nil {
			return services.DBError("create session", err)
		}
		var err error
		if t, err = s.issueRefresh(tx, sess, now); err != nil {
			return err
		}
		return s.audit.Record(tx, userActor(u, anon.RequestID), "auth.login", "user", u.ID, nil,
			map[string]any{"session_id": sess.ID, "client_ip": ip})
	})
	if err != nil {
		return Tokens{}, err
	}
	t.UserID = u.ID
	if t.AccessToken, t.ExpiresIn, err = s.signer.IssueForSession(u.ID, t.SessionID, RolesOf(u)); err != nil {
		return Tokens{}, err
	}
	return t, nil
}

// loginFailed records a failed sign-in: the attempt's reservation stays as
// the failure, the audit trail gets the email as entered (never the
// password), and the log a line saying why.
func (s *Service) loginFailed(ctx context.Context, anon access.Actor, in LoginInput, account, ip string, u models.User, reason string, now time.Time) error {
	s.log.WarnContext(ctx, "sign-in failed", "account", account, "client_ip", ip, "reason", reason, "request_id", anon.RequestID)
	if err := s.pruneFailures(ctx, now); err != nil {
		s.log.WarnContext(ctx, "could not prune sign-in failures", "error", err.Error())
	}
	entered := truncate(NormaliseEmail(in.Email), 254)
	actor := access.Actor{Label: entered, RequestID: anon.RequestID}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return s.audit.Record(tx, actor, "auth.login_failed", "user", u.ID, nil,
			map[string]any{"email": entered, "client_ip": ip, "reason": reason})
	})
	if err != nil {
		return err
	}
	return ErrInvalidCredentials
}

// issueRefresh stores a new refresh token of sess (as a hash) and returns it.
func (s *Service) issueRefresh(tx *gorm.DB, sess models.Session, now time.Time) (Tokens, error) {
	raw := newSecret()
	exp := now.Add(RefreshTokenTTL)
	if exp.After(sess.ExpiresAt) {
		exp = sess.ExpiresAt
	}
	rt := models.RefreshToken{TokenHash: hashSecret(raw), SessionID: sess.ID, CreatedAt: now, ExpiresAt: exp}
	if err := tx.Create(&rt).Error; err != nil {
		return Tokens{}, services.DBError("store refresh token", err)
	}
	return Tokens{RefreshToken: raw, RefreshExpiresAt: exp, RefreshExpiresIn: exp.Sub(now), SessionID: sess.ID}, nil
}

// errRefreshRejected is every refresh failure: no detail reaches the client.
var errRefreshRejected = fmt.Errorf("%w: the session has ended; sign in again", services.ErrUnauthenticated)

// Refresh exchanges a refresh token for a new access token and a new refresh
// token (rotation). Presenting a token that was already exchanged means it
// was copied: the whole session is revoked, and the caller must sign in again.
func (s *Service) Refresh(ctx context.Context, anon access.Actor, refreshToken string) (Tokens, error) {
	if refreshToken == "" || len(refreshToken) > 200 {
		return Tokens{}, errRefreshRejected
	}
	now := s.now().UTC()
	var (
		t      Tokens
		u      models.User
		reused bool
		sessID string
	)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rt models.RefreshToken
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", hashSecret(refreshToken)).Take(&rt).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errRefreshRejected
		}
		if err != nil {
			return fmt.Errorf("load refresh token: %w", err)
		}
		var sess models.Session
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", rt.SessionID).Take(&sess).Error; err != nil {
			return services.DBError("load session", err)
		}
		sessID = sess.ID
		if err := tx.Where("id = ?", sess.UserID).Take(&u).Error; err != nil {
			return services.DBError("load user", err)
		}
		switch {
		case sess.RevokedAt != nil:
			return errRefreshRejected
		case rt.RotatedAt != nil:
			reused = true
			if err := s.revokeSessions(tx, "id = ?", sess.ID, "refresh token reused", now); err != nil {
				return err
			}
			return s.audit.Record(tx, userActor(u, anon.RequestID), "auth.refresh_reused", "session", sess.ID, nil,
				map[string]any{"user_id": u.ID, "revoked": true})
		case !now.Before(rt.ExpiresAt) || !now.Before(sess.ExpiresAt):
			return errRefreshRejected
		case !u.Active:
			return s.revokeSessions(tx, "id = ?", sess.ID, "user deactivated", now)
		}
		if err := tx.Model(&rt).Update("rotated_at", now).Error; err != nil {
			return fmt.Errorf("rotate refresh token: %w", err)
		}
		if err := tx.Model(&sess).Update("last_used_at", now).Error; err != nil {
			return fmt.Errorf("touch session: %w", err)
		}
		t, err = s.issueRefresh(tx, sess, now)
		return err
	})
	if err != nil {
		return Tokens{}, err
	}
	if reused || !u.Active {
		s.forgetSession(u.ID, sessID)
		s.log.WarnContext(ctx, "refresh rejected; session revoked", "user_id", u.ID, "session_id", sessID,
			"reused", reused, "request_id", anon.RequestID)
		return Tokens{}, errRefreshRejected
	}
	t.UserID = u.ID
	if t.AccessToken, t.ExpiresIn, err = s.signer.IssueForSession(u.ID, t.SessionID, RolesOf(u)); err != nil {
		return Tokens{}, err
	}
	return t, nil
}

// Logout revokes the session of a refresh token. An unknown or already ended
// session is not an error: the caller wanted it ended, and it is.
func (s *Service) Logout(ctx context.Context, anon access.Actor, refreshToken string) error {
	if refreshToken == "" || len(refreshToken) > 200 {
		return nil
	}
	now := s.now().UTC()
	var userID, sessID string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var sess models.Session
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).
			Where("id = (SELECT session_id FROM refresh_tokens WHERE token_hash = ?)", hashSecret(refreshToken)).
			Take(&sess).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("load session: %w", err)
		}
		if sess.RevokedAt != nil {
			return nil
		}
		var u models.User
		if err := tx.Where("id = ?", sess.UserID).Take(&u).Error; err != nil {
			return services.DBError("load user", err)
		}
		userID, sessID = u.ID, sess.ID
		if err := s.revokeSessions(tx, "id = ?", sess.ID, "signed out", now); err != nil {
			return err
		}
		return s.audit.Record(tx, userActor(u, anon.RequestID), "auth.logout", "session", sess.ID, nil, map[string]any{"user_id": u.ID})
	})
	if err == nil && sessID != "" {
		s.forgetSession(userID, sessID)
	}
	return err
}

// revokeSessions ends the live sessions matching where (a constant condition
// with one argument) for reason.
func (s *Service) revokeSessions(tx *gorm.DB, where string, arg any, reason string, now time.Time) error {
	err := tx.Model(&models.Session{}).Where(where, arg).Where("revoked_at IS NULL").
		Updates(map[string]any{"revoked_at": now, "revoked_reason": reason}).Error
	if err != nil {
		return fmt.Errorf("revoke sessions: %w", err)
	}
	return nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
