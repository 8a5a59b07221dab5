package dashboard

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
)

// Rendered is a view encoded once and served to every request that asks
// for it while the summary is current.
type Rendered struct {
	Body []byte
	// Gzip is Body compressed (nil when Body is too small to bother).
	Gzip []byte
	// ETag is a strong validator of Body.
	ETag string
}

// maxRenders bounds the encodings kept per summary: filters are checked
// against the catalogue before rendering, so this only caps a catalogue
// with very many sites and systems.
const maxRenders = 512

// gzipMin is the smallest body worth compressing.
const gzipMin = 1024

// Render returns the encoding of a view of d under key, building it with
// build the first time it is asked for. The caller owns the encoding (the
// API's response types), the summary owns the cache. A build that fails is
// not cached.
func (d *Data) Render(key string, build func() ([]byte, error)) (Rendered, error) {
	d.renderMu.Lock()
	r, ok := d.renders[key]
	d.renderMu.Unlock()
	if ok {
		return r, nil
	}
	body, err := build()
	if err != nil {
		return Rendered{}, err
	}
	sum := sha256.Sum256(body)
	r = Rendered{Body: body, ETag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if len(body) >= gzipMin {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed) // a valid level cannot fail
		if _, err := zw.Write(body); err == nil && zw.Close() == nil {
			r.Gzip = buf.Bytes()
		}
	}
	d.renderMu.Lock()
	if d.renders == nil {
		d.renders = map[string]Rendered{}
	}
	if prev, ok := d.renders[key]; ok {
		r = prev // built twice at once; keep the first
	} else if len(d.renders) < maxRenders {
		d.renders[key] = r
	}
	d.renderMu.Unlock()
	return r, nil
}
