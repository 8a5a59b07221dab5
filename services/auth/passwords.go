package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"github.com/alexedwards/argon2id"

	"assure/services"
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// hashParams are OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane):
// about 18 ms here. They are stored in each hash's PHC string, so raising them
// later re-hashes each password at its next successful login.
var hashParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// commonPasswords is a small built-in deny list of passwords long enough to
// pass the length rule but guessed first by every attacker.
var commonPasswords = map[string]bool{
	"password1234": true, "password12345": true, "password123456": true, "passwordpassword": true,
	"123456789012": true, "1234567890123": true, "12345678901234": true, "qwertyuiopas": true,
	"qwerty123456": true, "qwertyuiop123": true, "iloveyou1234": true, "letmein12345": true,
	"welcome12345": true, "welcome123456": true, "changeme1234": true, "administrator": true,
	"adminadmin12": true, "abcdefghijkl": true, "abc123456789": true, "111111111111": true,
	"000000000000": true, "aaaaaaaaaaaa": true, "football1234": true, "monkey123456": true,
	"sunshine1234": true, "princess1234": true, "trustno11234": true, "nhspassword1": true,
	"nhspassword123": true, "hospital1234": true, "password1!password1!": true, "p@ssw0rd1234": true,
	"passw0rd1234": true, "winter2026!!": true, "summer2026!!": true, "spring2026!!": true,
	"autumn2026!!": true, "correcthorsebatterystaple": true,
}

// CheckPasswordRules returns a validation error naming field when pw is too
// short or too common.
func CheckPasswordRules(field, pw string) error {
	if len([]rune(pw)) < MinPasswordLength {
		return services.Invalid(field, "must be at least %d characters", MinPasswordLength)
	}
	if len(pw) > 1024 {
		return services.Invalid(field, "must be at most 1024 characters")
	}
	if commonPasswords[strings.ToLower(pw)] {
		return services.Invalid(field, "is too common; choose a longer phrase that is not a well-known password")
	}
	return nil
}

// Hasher hashes and checks passwords, capping concurrent hashes so a burst of
// logins cannot exhaust memory (each hash takes 19 MiB).
type Hasher struct {
	sem chan struct{}
}

// NewHasher allows at most n concurrent hashes.
func NewHasher(n int) *Hasher {
	if n < 1 {
		n = 1
	}
	return &Hasher{sem: make(chan struct{}, n)}
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.sem }

// Hash returns the PHC-format argon2id hash of pw.
func (h *Hasher) Hash(ctx context.Context, pw string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	s, err := argon2id.CreateHash(pw, hashParams)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return s, nil
}

// Check reports whether pw matches hash, and whether the hash was made with
// weaker parameters than today's and should be replaced.
func (h *Hasher) Check(ctx context.Context, pw, hash string) (ok, stale bool, err error) {
	if err := h.acquire(ctx); err != nil {
		return false, false, err
	}
	defer h.release()
	ok, p, err := argon2id.CheckHash(pw, hash)
	if err != nil {
		return false, false, fmt.Errorf("check password: %w", err)
	}
	stale = p.Memory < hashParams.Memory || p.Iterations < hashParams.Iterations || p.KeyLength < hashParams.KeyLength
	return ok, stale, nil
}

// dummyHash is checked against when the email is unknown, so that an unknown
// email and a wrong password take about the same time.
var dummyHash = sync.OnceValue(func() string {
	s, err := argon2id.CreateHash("not-a-real-password-for-timing", hashParams)
	if err != nil {
		panic(err) // only fails if crypto/rand fails, which it does not
	}
	return s
})

// GeneratePassword returns a random password for `assure user create`.
func GeneratePassword() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b) // never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}
