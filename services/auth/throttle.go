package auth

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
)

// Sign-in throttling: at most ThrottleLimit failures per ThrottleWindow for
// one account, and as many for one client address. The counts live in
// PostgreSQL, so they hold across every server instance.
const (
	ThrottleLimit  = 5
	ThrottleWindow = 15 * time.Minute
)

// ThrottledError says sign-in is refused for now; RetryAfter is how long until
// the oldest counted failure leaves the window.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; try again in %d seconds", e.RetryAfterSeconds())
}

// RetryAfterSeconds is RetryAfter rounded up to whole seconds, at least 1.
func (e *ThrottledError) RetryAfterSeconds() int {
	s := int(math.Ceil(e.RetryAfter.Seconds()))
	if s < 1 {
		s = 1
	}
	return s
}

// hasControl reports whether s holds a control character (NUL among them,
// which PostgreSQL text cannot store at all).
func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

// accountKey is the throttle key of an email as entered: trimmed, lower-cased
// and bounded, so that "Jo@x" and "jo@x " count together.
func accountKey(email string) string {
	k := strings.ToLower(NormaliseEmail(email))
	if r := []rune(k); len(r) > 254 {
		k = string(r[:254])
	}
	return k
}

// clientKey bounds the client address used as a throttle key.
func clientKey(ip string) string {
	if ip == "" {
		return "unknown"
	}
	if len(ip) > 64 {
		return ip[:64]
	}
	return ip
}

// reserveAttempt counts this attempt as a failure before the password is
// checked, so that concurrent guesses see each other and a burst cannot slip
// past the limit; a successful sign-in removes it again. It returns the
// reservation's id, or a *ThrottledError (having removed the reservation) when
// the account or the address is over the limit.
//
// The insert commits on its own before counting: inside one transaction a
// concurrent attempt's row would be invisible.
func (s *Service) reserveAttempt(ctx context.Context, account, ip string, now time.Time) (int64, error) {
	db := s.db.WithContext(ctx)
	var id int64
	if err := db.Raw("INSERT INTO login_failures (account, client_ip, at) VALUES (?, ?, ?) RETURNING id",
		account, ip, now).Scan(&id).Error; err != nil {
		return 0, fmt.Errorf("record sign-in attempt: %w", err)
	}
	since := now.Add(-ThrottleWindow)
	var retry time.Duration
	for _, key := range []struct{ column, value string }{{"account", account}, {"client_ip", ip}} {
		// The column name is one of two constants above, never input.
		var n int64
		if err := db.Raw("SELECT count(*) FROM login_failures WHERE "+key.column+" = ? AND at > ?", key.value, since).
			Scan(&n).Error; err != nil {
			return 0, fmt.Errorf("count sign-in failures: %w", err)
		}
		if n <= ThrottleLimit {
			continue
		}
		// Refused until only ThrottleLimit-1 earlier failures remain in the
		// window: the ThrottleLimit-th most recent one must leave it.
		var at time.Time
		if err := db.Raw("SELECT at FROM login_failures WHERE "+key.column+" = ? AND at > ? AND id <> ? ORDER BY at DESC OFFSET ? LIMIT 1",
			key.value, since, id, ThrottleLimit-1).Scan(&at).Error; err != nil {
			return 0, fmt.Errorf("find sign-in failure window: %w", err)
		}
		if d := at.Add(ThrottleWindow).Sub(now); d > retry {
			retry = d
		}
		if retry <= 0 {
			retry = time.Second
		}
	}
	if retry > 0 {
		if err := s.releaseAttempt(ctx, id); err != nil {
			return 0, err
		}
		return 0, &ThrottledError{RetryAfter: retry}
	}
	return id, nil
}

// releaseAttempt removes a reservation that turned out not to be a failure
// (the request was cancelled, or sign-in was throttled before any check).
func (s *Service) releaseAttempt(ctx context.Context, id int64) error {
	// A cancelled request's context is done; the clean-up must still run.
	if err := s.db.WithContext(context.WithoutCancel(ctx)).Exec("DELETE FROM login_failures WHERE id = ?", id).Error; err != nil {
		return fmt.Errorf("release sign-in attempt: %w", err)
	}
	return nil
}

// pruneFailures drops a bounded batch of failures older than the window, so
// the table stays small without a background job.
func (s *Service) pruneFailures(ctx context.Context, now time.Time) error {
	err := s.db.WithContext(ctx).Exec(`DELETE FROM login_failures WHERE id IN (
		SELECT id FROM login_failures WHERE at <= ? ORDER BY at LIMIT 500)`, now.Add(-ThrottleWindow)).Error
	if err != nil {
		return fmt.Errorf("prune sign-in failures: %w", err)
	}
	return nil
}
