package auth

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"

	"assure/services"
)

func TestCheckPasswordRules(t *testing.T) {
	cases := []struct {
		name string
		pw   string
		ok   bool
	}{
		{"twelve characters pass", "abcdefghijk!", true},
		{"eleven characters fail", "abcdefghij!", false},
		{"length counts characters, not bytes", "ééééééééééé", false},
		{"a common password fails whatever its case", "PassWord1234", false},
		{"a long passphrase passes", "staple horse battery correct", true},
		{"over 1024 bytes fails", strings.Repeat("a", 1025), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckPasswordRules("password", tc.pw)
			if (err == nil) != tc.ok {
				t.Fatalf("CheckPasswordRules(%q) = %v, want ok=%v", tc.pw, err, tc.ok)
			}
			var ve *services.ValidationError
			if err != nil && (!errors.As(err, &ve) || ve.Fields[0].Field != "password") {
				t.Fatalf("error %v does not name the field", err)
			}
		})
	}
}

func TestHasherRecordsParametersAndSpotsWeakHashes(t *testing.T) {
	h := NewHasher(1)
	ctx := context.Background()
	hash, err := h.Hash(ctx, "a fine passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not record today's parameters", hash)
	}
	if ok, stale, err := h.Check(ctx, "a fine passphrase", hash); !ok || stale || err != nil {
		t.Fatalf("Check(right) = %v %v %v", ok, stale, err)
	}
	if ok, _, err := h.Check(ctx, "a wrong passphrase", hash); ok || err != nil {
		t.Fatalf("Check(wrong) = %v %v", ok, err)
	}
	weak, err := argon2id.CreateHash("a fine passphrase", &argon2id.Params{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	if ok, stale, _ := h.Check(ctx, "a fine passphrase", weak); !ok || !stale {
		t.Fatalf("a hash with weaker parameters: ok=%v stale=%v, want true true", ok, stale)
	}
	if ok, _, err := h.Check(ctx, "anything", dummyHash()); ok || err != nil {
		t.Fatalf("the dummy hash matched or failed: %v %v", ok, err)
	}
}

func TestHasherGivesUpWhenTheRequestIsCancelled(t *testing.T) {
	h := NewHasher(1)
	h.sem <- struct{}{} // every slot busy
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "a fine passphrase"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Hash with a cancelled context = %v", err)
	}
}
