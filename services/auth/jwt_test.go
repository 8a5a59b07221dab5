package auth

import (
	"errors"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"assure/models"
	"assure/services"
)

func TestSignerRoundTripAndRejections(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	secret := []byte("0123456789abcdef0123456789abcdef")
	s := NewSigner(secret, clock)
	tok, ttl, err := s.IssueForSession("0190a8f0-0000-7000-8000-000000000001", "0190a8f0-0000-7000-8000-000000000002", []models.Role{models.RoleBoard})
	if err != nil || ttl != 15*time.Minute {
		t.Fatal(err, ttl)
	}
	c, err := s.Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject != "0190a8f0-0000-7000-8000-000000000001" || c.SessionID != "0190a8f0-0000-7000-8000-000000000002" ||
		c.Issuer != Issuer || len(c.Audience) != 1 || c.Audience[0] != Audience || c.ID == "" ||
		!c.ExpiresAt.Equal(now.Add(15*time.Minute)) || !c.IssuedAt.Equal(now) || len(c.Roles) != 1 {
		t.Fatalf("claims %+v", c)
	}

	sign := func(m jwt.SigningMethod, key any, mod func(*Claims)) string {
		cl := *c
		if mod != nil {
			mod(&cl)
		}
		out, err := jwt.NewWithClaims(m, cl).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	none := sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, nil)
	for name, bad := range map[string]string{
		"alg none":     none,
		"HS384":        sign(jwt.SigningMethodHS384, secret, nil),
		"other key":    sign(jwt.SigningMethodHS256, []byte("another key, another key, another"), nil),
		"expired":      sign(jwt.SigningMethodHS256, secret, func(c *Claims) { c.ExpiresAt = jwt.NewNumericDate(now.Add(-10 * time.Second)) }),
		"no expiry":    sign(jwt.SigningMethodHS256, secret, func(c *Claims) { c.ExpiresAt = nil }),
		"issuer":       sign(jwt.SigningMethodHS256, secret, func(c *Claims) { c.Issuer = "x" }),
		"audience":     sign(jwt.SigningMethodHS256, secret, func(c *Claims) { c.Audience = nil }),
		"no subject":   sign(jwt.SigningMethodHS256, secret, func(c *Claims) { c.Subject = "" }),
		"future iat":   sign(jwt.SigningMethodHS256, secret, func(c *Claims) { c.IssuedAt = jwt.NewNumericDate(now.Add(time.Hour)) }),
		"not a token":  "abc",
		"empty string": "",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := s.Parse(bad); !errors.Is(err, services.ErrUnauthenticated) {
				t.Fatalf("Parse = %v, want ErrUnauthenticated", err)
			}
		})
	}
	// Within the leeway an expiry is still honoured; past it, not.
	now = now.Add(15*time.Minute + 4*time.Second)
	if _, err := s.Parse(tok); err != nil {
		t.Errorf("within leeway: %v", err)
	}
	now = now.Add(2 * time.Second)
	if _, err := s.Parse(tok); err == nil {
		t.Error("an expired token parsed")
	}
}
