package auth

import (
	"context"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// Me returns the signed-in user.
func (s *Service) Me(ctx context.Context, actor access.Actor) (models.User, error) {
	if !actor.IsUser() {
		return models.User{}, services.ErrForbidden
	}
	var u models.User
	if err := s.db.WithContext(ctx).Where("id = ?", actor.UserID).Take(&u).Error; err != nil {
		return models.User{}, services.DBError("load user", err)
	}
	return u, nil
}
