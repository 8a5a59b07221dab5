package auth_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/alexedwards/argon2id"

	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/audit"
	"assure/services/auth"
)

// TestConcurrentGuessesCannotPassTheLimit: a burst of simultaneous wrong
// guesses for one account gets at most ThrottleLimit password checks, because
// each attempt is counted before its password is.
func TestConcurrentGuessesCannotPassTheLimit(t *testing.T) {
	db := testdb.New(t)
	svc := auth.NewService(db.Gorm, audit.NewRecorder(nil), auth.NewSigner([]byte("0123456789abcdef0123456789abcdef"), nil), auth.NewHasher(4), nil)
	ctx := context.Background()
	u, err := svc.CreateUser(ctx, access.System("test"), auth.NewUser{
		Email: "burst@trust.test", Name: "Burst", Roles: []models.Role{models.RoleBoard}, Password: "the right passphrase",
	})
	if err != nil {
		t.Fatal(err)
	}
	const attempts = 16
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		checked   int
		throttled int
	)
	for i := 0; i < attempts; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := svc.Login(ctx, access.Actor{}, auth.LoginInput{Email: u.Email, Password: "a wrong guess!", ClientIP: fmt.Sprintf("10.9.0.%d", i)})
			var te *auth.ThrottledError
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, auth.ErrInvalidCredentials):
				checked++
			case errors.As(err, &te):
				throttled++
			default:
				t.Errorf("attempt: %v", err)
			}
		}()
	}
	wg.Wait()
	if checked > auth.ThrottleLimit || checked+throttled != attempts {
		t.Fatalf("%d guesses checked, %d throttled: at most %d may be checked", checked, throttled, auth.ThrottleLimit)
	}
	var rows int64
	db.Gorm.Raw("SELECT count(*) FROM login_failures WHERE account = 'burst@trust.test'").Scan(&rows)
	if rows != int64(checked) {
		t.Errorf("%d failures recorded for %d checked guesses", rows, checked)
	}
	// The right password is refused too while the account is throttled.
	var te *auth.ThrottledError
	if checked == auth.ThrottleLimit {
		if _, err := svc.Login(ctx, access.Actor{}, auth.LoginInput{Email: u.Email, Password: "the right passphrase", ClientIP: "10.9.1.1"}); !errors.As(err, &te) {
			t.Errorf("right password during throttling: %v", err)
		}
	}
}

// TestSignInUpgradesAWeakHash: a hash made with weaker parameters than
// today's is replaced at the next successful sign-in.
func TestSignInUpgradesAWeakHash(t *testing.T) {
	db := testdb.New(t)
	svc := auth.NewService(db.Gorm, audit.NewRecorder(nil), auth.NewSigner([]byte("0123456789abcdef0123456789abcdef"), nil), auth.NewHasher(2), nil)
	ctx := context.Background()
	u, err := svc.CreateUser(ctx, access.System("test"), auth.NewUser{Email: "old@trust.test", Name: "Old", Roles: []models.Role{models.RoleBoard}})
	if err != nil {
		t.Fatal(err)
	}
	weak, err := argon2id.CreateHash("an old passphrase", &argon2id.Params{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	db.Gorm.Exec("UPDATE users SET password_hash = ? WHERE id = ?", weak, u.ID)
	if _, err := svc.Login(ctx, access.Actor{}, auth.LoginInput{Email: u.Email, Password: "an old passphrase", ClientIP: "10.8.0.1"}); err != nil {
		t.Fatal(err)
	}
	var stored string
	db.Gorm.Raw("SELECT password_hash FROM users WHERE id = ?", u.ID).Scan(&stored)
	if !strings.HasPrefix(stored, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash after sign-in %q, want today's parameters", stored)
	}
	if _, err := svc.Login(ctx, access.Actor{}, auth.LoginInput{Email: u.Email, Password: "an old passphrase", ClientIP: "10.8.0.1"}); err != nil {
		t.Fatalf("sign-in with the upgraded hash: %v", err)
	}
}
