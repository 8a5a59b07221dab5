// Package config reads Assure's configuration from environment variables and
// validates it before anything starts, so a bad value stops the process with
// one clear line instead of a stack trace later.
package config

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// DefaultDatabaseURL is used when DATABASE_URL is not set.
const DefaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/assure?sslmode=disable"

// MinSecretBytes is the shortest JWT signing secret accepted (HS256 needs at
// least as many bytes as the hash output to be meaningful).
const MinSecretBytes = 32

// Var documents one environment variable the server reads.
type Var struct {
	Name        string
	Default     string
	Description string
}

// Vars lists every environment variable Assure reads. The README table and the
// docker-compose test are checked against it.
var Vars = []Var{
	{"DATABASE_URL", DefaultDatabaseURL, "PostgreSQL connection URL."},
	{"ASSURE_ADDR", ":8080", "Address the HTTP server listens on."},
	{"ASSURE_JWT_SECRET", "", "Secret for signing access tokens, at least 32 bytes. Required unless ASSURE_DEV is true."},
	{"ASSURE_DEV", "false", "Development mode: generates a JWT secret, creates the database if missing, allows the refresh cookie over plain http."},
	{"ASSURE_LOG_FORMAT", "json", "Log format: json or text."},
	{"ASSURE_TRUSTED_PROXIES", "", "Comma-separated proxy addresses or CIDRs whose X-Forwarded-For is trusted. Empty trusts none."},
	{"ASSURE_AUTO_MIGRATE", "true", "Apply pending migrations when the server starts."},
	{"ASSURE_PUBLIC_URL", "", "External base URL of the service (used in set-password links). Empty means derive from the request."},
}

// Config is the validated configuration.
type Config struct {
	DatabaseURL    string
	Addr           string
	JWTSecret      []byte
	Dev            bool
	SecretWasMade  bool // true when dev mode generated the secret
	LogFormat      string
	TrustedProxies []string
	AutoMigrate    bool
	PublicURL      string
}

// Load reads the environment through getenv (os.Getenv in production) and
// validates every value. The error names the variable and what is wrong.
func Load(getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	c := Config{
		DatabaseURL: strings.TrimSpace(getenv("DATABASE_URL")),
		Addr:        strings.TrimSpace(getenv("ASSURE_ADDR")),
		LogFormat:   strings.TrimSpace(getenv("ASSURE_LOG_FORMAT")),
		PublicURL:   strings.TrimRight(strings.TrimSpace(getenv("ASSURE_PUBLIC_URL")), "/"),
	}
	var err error
	if c.Dev, err = parseBool(getenv, "ASSURE_DEV", false); err != nil {
		return c, err
	}
	if c.AutoMigrate, err = parseBool(getenv, "ASSURE_AUTO_MIGRATE", true); err != nil {
		return c, err
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = DefaultDatabaseURL
	}
	if u, perr := url.Parse(c.DatabaseURL); perr != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return c, fmt.Errorf("DATABASE_URL must be a postgres:// URL")
	}
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if _, port, perr := net.SplitHostPort(c.Addr); perr != nil || port == "" {
		return c, fmt.Errorf("ASSURE_ADDR %q must be host:port or :port", c.Addr)
	}
	switch c.LogFormat {
	case "":
		c.LogFormat = "json"
	case "json", "text":
	default:
		return c, fmt.Errorf("ASSURE_LOG_FORMAT must be json or text, not %q", c.LogFormat)
	}
	for _, p := range strings.Split(getenv("ASSURE_TRUSTED_PROXIES"), ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if net.ParseIP(p) == nil {
			if _, _, cerr := net.ParseCIDR(p); cerr != nil {
				return c, fmt.Errorf("ASSURE_TRUSTED_PROXIES: %q is not an IP address or CIDR", p)
			}
		}
		c.TrustedProxies = append(c.TrustedProxies, p)
	}
	if c.PublicURL != "" {
		if u, perr := url.Parse(c.PublicURL); perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, fmt.Errorf("ASSURE_PUBLIC_URL must be an http(s) URL")
		}
	}
	secret := getenv("ASSURE_JWT_SECRET")
	switch {
	case secret != "" && len(secret) < MinSecretBytes:
		return c, fmt.Errorf("ASSURE_JWT_SECRET must be at least %d bytes (it has %d)", MinSecretBytes, len(secret))
	case secret != "":
		c.JWTSecret = []byte(secret)
	case c.Dev:
		b := make([]byte, 48)
		if _, rerr := rand.Read(b); rerr != nil {
			return c, fmt.Errorf("generate dev JWT secret: %w", rerr)
		}
		c.JWTSecret = []byte(base64.RawStdEncoding.EncodeToString(b))
		c.SecretWasMade = true
	default:
		return c, fmt.Errorf("ASSURE_JWT_SECRET is required (at least %d bytes) unless ASSURE_DEV=true", MinSecretBytes)
	}
	return c, nil
}

func parseBool(getenv func(string) string, name string, def bool) (bool, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return def, fmt.Errorf("%s must be true or false, not %q", name, v)
	}
	return b, nil
}
