package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsInDevMode(t *testing.T) {
	c, err := Load(env(map[string]string{"ASSURE_DEV": "true"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != DefaultDatabaseURL || c.Addr != ":8080" || c.LogFormat != "json" || !c.AutoMigrate {
		t.Errorf("defaults: %+v", c)
	}
	if !c.SecretWasMade || len(c.JWTSecret) < MinSecretBytes {
		t.Errorf("dev mode must generate a long secret and say so: %+v", c)
	}
}

func TestInvalidValuesStopWithOneClearLine(t *testing.T) {
	secret := strings.Repeat("s", 32)
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"secret required outside dev", map[string]string{}, "ASSURE_JWT_SECRET is required"},
		{"short secret", map[string]string{"ASSURE_JWT_SECRET": "short"}, "at least 32 bytes"},
		{"bad log format", map[string]string{"ASSURE_JWT_SECRET": secret, "ASSURE_LOG_FORMAT": "xml"}, "ASSURE_LOG_FORMAT"},
		{"bad bool", map[string]string{"ASSURE_JWT_SECRET": secret, "ASSURE_DEV": "maybe"}, "ASSURE_DEV must be true or false"},
		{"bad auto migrate", map[string]string{"ASSURE_JWT_SECRET": secret, "ASSURE_AUTO_MIGRATE": "yes please"}, "ASSURE_AUTO_MIGRATE"},
		{"bad addr", map[string]string{"ASSURE_JWT_SECRET": secret, "ASSURE_ADDR": "8080"}, "ASSURE_ADDR"},
		{"bad database url", map[string]string{"ASSURE_JWT_SECRET": secret, "DATABASE_URL": "mysql://x"}, "DATABASE_URL"},
		{"bad proxy", map[string]string{"ASSURE_JWT_SECRET": secret, "ASSURE_TRUSTED_PROXIES": "10.0.0.1, not-an-ip"}, "not-an-ip"},
		{"bad public url", map[string]string{"ASSURE_JWT_SECRET": secret, "ASSURE_PUBLIC_URL": "ftp://x"}, "ASSURE_PUBLIC_URL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(env(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line containing %q", err, tc.want)
			}
		})
	}
}

func TestValidProductionConfig(t *testing.T) {
	c, err := Load(env(map[string]string{
		"ASSURE_JWT_SECRET":      strings.Repeat("k", 40),
		"ASSURE_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16",
		"ASSURE_AUTO_MIGRATE":    "false",
		"ASSURE_LOG_FORMAT":      "text",
		"ASSURE_ADDR":            "127.0.0.1:9000",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Dev || c.SecretWasMade || c.AutoMigrate || len(c.TrustedProxies) != 2 || c.Addr != "127.0.0.1:9000" {
		t.Errorf("%+v", c)
	}
}

func TestEveryVarIsDocumentedInTheReadme(t *testing.T) {
	// The README's configuration table is the operator's reference.
	readme, err := readREADME()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Vars {
		if !strings.Contains(readme, "`"+v.Name+"`") {
			t.Errorf("README.md does not document %s", v.Name)
		}
	}
}
