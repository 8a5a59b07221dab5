package auth

import (
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"assure/models"
	"assure/services"
)

// Access tokens.
const (
	Issuer         = "assure"
	Audience       = "assure-api"
	AccessTokenTTL = 15 * time.Minute
)

// Claims are an access token's claims.
type Claims struct {
	Roles []models.Role `json:"roles"`
	// SessionID ("sid") names the session the token was issued under, so
	// revoking the session stops the token within ActiveCacheTTL.
	SessionID string `json:"sid,omitempty"`
	jwt.RegisteredClaims
}

// Signer issues and parses access tokens with one HS256 secret.
type Signer struct {
	secret []byte
	now    func() time.Time
	parser *jwt.Parser
}

// NewSigner returns a Signer. now is the clock (nil for time.Now).
func NewSigner(secret []byte, now func() time.Time) *Signer {
	if now == nil {
		now = time.Now
	}
	return &Signer{
		secret: secret,
		now:    now,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithIssuer(Issuer),
			jwt.WithAudience(Audience),
			jwt.WithTimeFunc(now),
			jwt.WithLeeway(5*time.Second),
		),
	}
}

// Issue signs an access token for a user outside any session (tests and
// tools); sign-ins use IssueForSession.
func (s *Signer) Issue(userID string, roles []models.Role) (token string, expiresIn time.Duration, err error) {
	return s.IssueForSession(userID, "", roles)
}

// IssueForSession signs an access token for a user's session.
func (s *Signer) IssueForSession(userID, sessionID string, roles []models.Role) (token string, expiresIn time.Duration, err error) {
	now := s.now()
	c := Claims{
		Roles:     roles,
		SessionID: sessionID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Audience:  jwt.ClaimStrings{Audience},
			Subject:   userID,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenTTL)),
			ID:        uuid.NewString(),
		},
	}
	token, err = jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.secret)
	if err != nil {
		return "", 0, fmt.Errorf("sign access token: %w", err)
	}
	return token, AccessTokenTTL, nil
}

// Parse verifies an access token: algorithm, signature, expiry, issuer and
// audience. Any failure is ErrUnauthenticated.
func (s *Signer) Parse(token string) (*Claims, error) {
	var c Claims
	_, err := s.parser.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.secret, nil })
	if err != nil {
		return nil, fmt.Errorf("%w: %w", services.ErrUnauthenticated, err)
	}
	if c.Subject == "" {
		return nil, fmt.Errorf("%w: no subject", services.ErrUnauthenticated)
	}
	return &c, nil
}

// ErrInvalidCredentials is the one failure login reports, whatever went
// wrong (unknown email, wrong password, deactivated account), so a caller
// cannot learn which accounts exist.
var ErrInvalidCredentials = fmt.Errorf("%w: the email or password is not right", services.ErrUnauthenticated)
