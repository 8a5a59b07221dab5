package auth

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// adminsLock serialises changes that could remove the last active admin, so
// two admins demoting each other at once cannot both succeed.
const adminsLock int64 = 0x61646d696e73 // "admins"

// UserQuery selects a page of users.
type UserQuery struct {
	Q      string // part of the email or name, case-insensitive
	Role   string // only users holding this role
	Active *bool  // only active (true) or deactivated (false) users
	Limit  int
	Cursor string
}

// UserPage is one page of users in email order.
type UserPage struct {
	Items      []models.User
	NextCursor string
}

// likeEscaper escapes LIKE's wildcards so q matches literally.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// ListUsers lists users by email, filtered by q, role and active.
func (s *Service) ListUsers(ctx context.Context, actor access.Actor, q UserQuery) (UserPage, error) {
	if !actor.Can(access.UsersRead) {
		return UserPage{}, services.ErrForbidden
	}
	v := &services.ValidationError{}
	limit, err := services.PageLimit(q.Limit)
	if err != nil {
		v.Add("limit", "must be between 1 and %d", services.MaxLimit)
	}
	if q.Role != "" && !models.Role(q.Role).Valid() {
		v.Add("role", "must be one of clinician, improver, board, executive, admin")
	}
	if len([]rune(q.Q)) > 200 {
		v.Add("q", "must be at most 200 characters")
	} else if hasControl(q.Q) {
		v.Add("q", "must not contain control characters")
	}
	cur, cerr := services.DecodeCursor(q.Cursor, 2)
	if cerr != nil || (cur != nil && !validUserCursor(cur)) {
		v.Add("cursor", "is not a cursor this list gave out; start again without it")
	}
	if err := v.Err(); err != nil {
		return UserPage{}, err
	}
	db := s.db.WithContext(ctx).Model(&models.User{})
	if term := strings.TrimSpace(q.Q); term != "" {
		pat := "%" + likeEscaper.Replace(term) + "%"
		db = db.Where(`(email ILIKE ? ESCAPE '\' OR name ILIKE ? ESCAPE '\')`, pat, pat)
	}
	if q.Role != "" {
		db = db.Where("? = ANY (roles)", q.Role)
	}
	if q.Active != nil {
		db = db.Where("active = ?", *q.Active)
	}
	if cur != nil {
		db = db.Where("(lower(email), id::text) > (?, ?)", cur[0], cur[1])
	}
	var users []models.User
	if err := db.Order("lower(email), id").Limit(limit + 1).Find(&users).Error; err != nil {
		return UserPage{}, fmt.Errorf("list users: %w", err)
	}
	page := UserPage{Items: users}
	if len(users) > limit {
		last := users[limit-1]
		page.Items = users[:limit]
		page.NextCursor = services.EncodeCursor(strings.ToLower(last.Email), last.ID)
	}
	return page, nil
}

// validUserCursor checks a decoded cursor's parts before they reach SQL:
// a lower-cased email and a user id.
func validUserCursor(cur []string) bool {
	_, err := uuid.Parse(cur[1])
	return err == nil && !hasControl(cur[0])
}

// GetUser returns one user.
func (s *Service) GetUser(ctx context.Context, actor access.Actor, id string) (models.User, error) {
	if !actor.Can(access.UsersRead) {
		return models.User{}, services.ErrForbidden
	}
	if _, err := uuid.Parse(id); err != nil {
		return models.User{}, fmt.Errorf("user %q: %w", id, services.ErrNotFound)
	}
	var u models.User
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&u).Error; err != nil {
		return models.User{}, services.DBError("load user", err)
	}
	return u, nil
}

// NewAccount is a user created by an admin and, when no initial password was
// given, the one-time set-password code to send them.
type NewAccount struct {
	User        models.User
	SetPassword *IssuedCode
}

// CreateAccount adds a user for an admin: with the initial password given,
// or else with a one-time set-password code (shown once) valid for
// SetPasswordCodeTTL.
func (s *Service) CreateAccount(ctx context.Context, actor access.Actor, in NewUser) (NewAccount, error) {
	u, code, err := s.createUser(ctx, actor, in, in.Password == "")
	return NewAccount{User: u, SetPassword: code}, err
}

// UserChanges is a partial update of a user; nil fields stay as they are.
type UserChanges struct {
	Name   *string
	Roles  *[]models.Role
	Active *bool
}

// UpdateUser changes a user's name, roles or active flag. ifMatch is the
// versions the caller's If-Match names (nil: no precondition); the user's
// version not among them is ErrPreconditionFailed. Deactivating ends every session of the user at once
// and their access tokens within ActiveCacheTTL. The last active admin can be
// neither demoted nor deactivated.
func (s *Service) UpdateUser(ctx context.Context, actor access.Actor, id string, ifMatch []int, ch UserChanges) (models.User, error) {
	if !actor.Can(access.UsersManage) {
		return models.User{}, services.ErrForbidden
	}
	if _, err := uuid.Parse(id); err != nil {
		return models.User{}, fmt.Errorf("user %q: %w", id, services.ErrNotFound)
	}
	v := &services.ValidationError{}
	if ch.Name != nil {
		if n := strings.TrimSpace(*ch.Name); n == "" {
			v.Add("name", "must not be empty")
		} else if len([]rune(n)) > 200 {
			v.Add("name", "must be at most 200 characters")
		} else if hasControl(n) {
			v.Add("name", "must not contain control characters")
		}
	}
	if ch.Roles != nil {
		if len(*ch.Roles) == 0 {
			v.Add("roles", "must name at least one role")
		}
		for i, r := range *ch.Roles {
			if !r.Valid() {
				v.Add(fmt.Sprintf("roles[%d]", i), "must be one of clinician, improver, board, executive, admin")
			}
		}
	}
	if err := v.Err(); err != nil {
		return models.User{}, err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	var u models.User
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", adminsLock).Error; err != nil {
			return fmt.Errorf("lock admins: %w", err)
		}
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&u).Error; err != nil {
			return services.DBError("load user", err)
		}
		if ifMatch != nil && !slices.Contains(ifMatch, u.Version) {
			return services.ErrPreconditionFailed
		}
		before := u
		if ch.Name != nil {
			u.Name = strings.TrimSpace(*ch.Name)
		}
		if ch.Roles != nil {
			u.Roles = roleStrings(UniqueRoles(*ch.Roles))
		}
		if ch.Active != nil {
			u.Active = *ch.Active
		}
		nameChanged := u.Name != before.Name
		rolesChanged := !slices.Equal(u.Roles, before.Roles)
		activeChanged := u.Active != before.Active
		if !nameChanged && !rolesChanged && !activeChanged {
			return nil
		}
		if before.Active && before.HasRole(models.RoleAdmin) && !(u.Active && u.HasRole(models.RoleAdmin)) {
			var others int64
			if err := tx.Model(&models.User{}).Where("active AND 'admin' = ANY (roles) AND id <> ?", u.ID).Count(&others).Error; err != nil {
				return fmt.Errorf("count admins: %w", err)
			}
			if others == 0 {
				return services.Conflict("%s is the last active admin: make someone else an admin first", u.Email)
			}
		}
		u.Version++
		u.UpdatedAt = now
		if err := tx.Model(&u).Select("name", "roles", "active", "version", "updated_at").Updates(&u).Error; err != nil {
			return services.DBError("update user", err)
		}
		if nameChanged {
			if err := s.audit.Record(tx, actor, "user.updated", "user", u.ID,
				map[string]any{"name": before.Name}, map[string]any{"name": u.Name}); err != nil {
				return err
			}
		}
		if rolesChanged {
			if err := s.audit.Record(tx, actor, "user.roles_changed", "user", u.ID,
				map[string]any{"roles": before.Roles}, map[string]any{"roles": u.Roles}); err != nil {
				return err
			}
		}
		if activeChanged {
			action := "user.reactivated"
			if !u.Active {
				action = "user.deactivated"
				if err := s.revokeSessions(tx, "user_id = ?", u.ID, "user deactivated", now); err != nil {
					return err
				}
				if err := tx.Where("user_id = ? AND used_at IS NULL", u.ID).Delete(&models.SetPasswordCode{}).Error; err != nil {
					return fmt.Errorf("drop set-password codes: %w", err)
				}
			}
			if err := s.audit.Record(tx, actor, action, "user", u.ID,
				map[string]any{"active": before.Active}, map[string]any{"active": u.Active}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return models.User{}, err
	}
	s.Forget(u.ID)
	return u, nil
}

// ResetPassword clears a user's password, ends every session of theirs and
// issues a one-time set-password code (shown once) for the admin to send.
func (s *Service) ResetPassword(ctx context.Context, actor access.Actor, id string) (IssuedCode, error) {
	if !actor.Can(access.UsersManage) {
		return IssuedCode{}, services.ErrForbidden
	}
	if _, err := uuid.Parse(id); err != nil {
		return IssuedCode{}, fmt.Errorf("user %q: %w", id, services.ErrNotFound)
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	var code IssuedCode
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u models.User
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&u).Error; err != nil {
			return services.DBError("load user", err)
		}
		if !u.Active {
			return services.Conflict("%s is deactivated: reactivate them first", u.Email)
		}
		if err := tx.Model(&u).Updates(map[string]any{"password_hash": nil, "version": gorm.Expr("version + 1"), "updated_at": now}).Error; err != nil {
			return services.DBError("clear password", err)
		}
		if err := s.revokeSessions(tx, "user_id = ?", u.ID, "password reset", now); err != nil {
			return err
		}
		var err error
		if code, err = s.issueCode(tx, actor, u.ID, PurposeReset, now); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "user.password_reset", "user", u.ID, nil,
			map[string]any{"set_password_expires_at": code.ExpiresAt})
	})
	if err != nil {
		return IssuedCode{}, err
	}
	s.Forget(id)
	return code, nil
}
