package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// SetPasswordCodeTTL is how long a set-password link works.
const SetPasswordCodeTTL = 72 * time.Hour

// Set-password code purposes.
const (
	PurposeInvite = "invite"
	PurposeReset  = "reset"
)

// IssuedCode is a one-time set-password code, shown once to the admin who
// asked for it and stored only as a hash.
type IssuedCode struct {
	Code      string
	ExpiresAt time.Time
}

// issueCode stores a new set-password code for u inside tx, replacing any
// unused one (only the newest link works).
func (s *Service) issueCode(tx *gorm.DB, actor access.Actor, userID, purpose string, now time.Time) (IssuedCode, error) {
	if err := tx.Where("user_id = ? AND used_at IS NULL", userID).Delete(&models.SetPasswordCode{}).Error; err != nil {
		return IssuedCode{}, fmt.Errorf("drop earlier set-password codes: %w", err)
	}
	code := newSecret()
	row := models.SetPasswordCode{
		CodeHash: hashSecret(code), UserID: userID, Purpose: purpose,
		CreatedAt: now, ExpiresAt: now.Add(SetPasswordCodeTTL),
	}
	if actor.UserID != "" {
		row.CreatedBy = &actor.UserID
	}
	if err := tx.Create(&row).Error; err != nil {
		return IssuedCode{}, services.DBError("store set-password code", err)
	}
	return IssuedCode{Code: code, ExpiresAt: row.ExpiresAt}, nil
}

var errBadCode = services.Invalid("code", "is not valid: it may have expired or been used already; ask an administrator for a new link")

// SetPassword sets a user's password with a one-time code from an invitation
// or a reset. The code works once, for SetPasswordCodeTTL; every session of
// the user ends. anon carries the request id.
func (s *Service) SetPassword(ctx context.Context, anon access.Actor, code, password string) error {
	v := &services.ValidationError{}
	if strings.TrimSpace(code) == "" {
		v.Add("code", "is required")
	}
	if password == "" {
		v.Add("password", "is required")
	} else if err := CheckPasswordRules("password", password); err != nil {
		var ve *services.ValidationError
		if errors.As(err, &ve) {
			v.Fields = append(v.Fields, ve.Fields...)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if len(code) > 200 {
		return errBadCode
	}
	now := s.now().UTC()
	hash := hashSecret(code)
	// Check the code before paying for a password hash, so that guessing
	// codes costs an attacker a lookup and us nothing more.
	if _, err := s.usableCode(s.db.WithContext(ctx), hash, now, false); err != nil {
		return err
	}
	ph, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	var u models.User
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := s.usableCode(tx, hash, now, true)
		if err != nil {
			return err
		}
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", row.UserID).Take(&u).Error; err != nil {
			return services.DBError("load user", err)
		}
		if !u.Active {
			return errBadCode
		}
		if err := tx.Model(&row).Update("used_at", now).Error; err != nil {
			return fmt.Errorf("use set-password code: %w", err)
		}
		if err := tx.Model(&u).Updates(map[string]any{"password_hash": ph, "version": gorm.Expr("version + 1"), "updated_at": now}).Error; err != nil {
			return services.DBError("set password", err)
		}
		if err := s.revokeSessions(tx, "user_id = ?", u.ID, "password set", now); err != nil {
			return err
		}
		return s.audit.Record(tx, userActor(u, anon.RequestID), "user.password_set", "user", u.ID, nil,
			map[string]any{"purpose": row.Purpose})
	})
	if err != nil {
		return err
	}
	s.Forget(u.ID)
	return nil
}

// usableCode loads an unused, unexpired code by hash (locking it if lock).
func (s *Service) usableCode(db *gorm.DB, hash string, now time.Time, lock bool) (models.SetPasswordCode, error) {
	var row models.SetPasswordCode
	if lock {
		db = db.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	err := db.Where("code_hash = ?", hash).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return row, errBadCode
	}
	if err != nil {
		return row, fmt.Errorf("load set-password code: %w", err)
	}
	if row.UsedAt != nil || !now.Before(row.ExpiresAt) {
		return row, errBadCode
	}
	return row, nil
}

// ChangePassword changes the signed-in user's own password. The current
// password must be right (wrong guesses count towards sign-in throttling).
// Every session of the user ends — stolen sessions with them — and a fresh
// one starts for this client, returned like a sign-in.
func (s *Service) ChangePassword(ctx context.Context, actor access.Actor, current, next string, client LoginInput) (Tokens, error) {
	if !actor.IsUser() {
		return Tokens{}, services.ErrForbidden
	}
	v := &services.ValidationError{}
	if current == "" {
		v.Add("current_password", "is required")
	} else if len(current) > 1024 {
		v.Add("current_password", "is not right")
	}
	if next == "" {
		v.Add("new_password", "is required")
	} else if err := CheckPasswordRules("new_password", next); err != nil {
		var ve *services.ValidationError
		if errors.As(err, &ve) {
			v.Fields = append(v.Fields, ve.Fields...)
		}
	} else if next == current {
		v.Add("new_password", "must differ from the current password")
	}
	if err := v.Err(); err != nil {
		return Tokens{}, err
	}
	var u models.User
	if err := s.db.WithContext(ctx).Where("id = ?", actor.UserID).Take(&u).Error; err != nil {
		return Tokens{}, services.DBError("load user", err)
	}
	now := s.now().UTC()
	account, ip := accountKey(u.Email), clientKey(client.ClientIP)
	attempt, err := s.reserveAttempt(ctx, account, ip, now)
	if err != nil {
		return Tokens{}, err
	}
	hash := dummyHash()
	if u.PasswordHash != nil {
		hash = *u.PasswordHash
	}
	ok, _, err := s.hasher.Check(ctx, current, hash)
	if err != nil {
		return Tokens{}, errors.Join(err, s.releaseAttempt(ctx, attempt))
	}
	if !ok || u.PasswordHash == nil {
		s.log.WarnContext(ctx, "password change with a wrong current password", "user_id", u.ID, "client_ip", ip, "request_id", actor.RequestID)
		return Tokens{}, services.Invalid("current_password", "is not right")
	}
	ph, err := s.hasher.Hash(ctx, next)
	if err != nil {
		return Tokens{}, errors.Join(err, s.releaseAttempt(ctx, attempt))
	}
	var t Tokens
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM login_failures WHERE account = ?", account).Error; err != nil {
			return fmt.Errorf("clear sign-in failures: %w", err)
		}
		res := tx.Model(&models.User{}).Where("id = ? AND active", u.ID).
			Updates(map[string]any{"password_hash": ph, "version": gorm.Expr("version + 1"), "updated_at": now})
		if res.Error != nil {
			return services.DBError("change password", res.Error)
		}
		if res.RowsAffected == 0 {
			return services.ErrUnauthenticated // deactivated meanwhile
		}
		if err := s.revokeSessions(tx, "user_id = ?", u.ID, "password changed", now); err != nil {
			return err
		}
		sess := models.Session{
			UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(SessionMaxAge), LastUsedAt: now,
			ClientIP: ip, UserAgent: truncate(client.UserAgent, 300),
		}
		if err := tx.Create(&sess).Error; err != nil {
			return services.DBError("create session", err)
		}
		var err error
		if t, err = s.issueRefresh(tx, sess, now); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "user.password_changed", "user", u.ID, nil, map[string]any{"session_id": sess.ID})
	})
	if err != nil {
		return Tokens{}, err
	}
	s.Forget(u.ID)
	t.UserID = u.ID
	if t.AccessToken, t.ExpiresIn, err = s.signer.IssueForSession(u.ID, t.SessionID, RolesOf(u)); err != nil {
		return Tokens{}, err
	}
	return t, nil
}
