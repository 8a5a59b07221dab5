// Package audit writes and verifies Assure's audit trail: one append-only,
// hash-chained event per change, written in the same transaction as the change
// it records. Every service records through Recorder.Record.
package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services/access"
)

// GenesisHash is the prev_hash of the first event.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// chainLock serialises appends: the transaction that holds it reads the last
// hash, appends, and keeps the lock until it commits, so the chain order is the
// commit order and no two events share a predecessor.
const chainLock int64 = 0x6175646974 // "audit"

// Recorder appends audit events.
type Recorder struct {
	now func() time.Time
}

// NewRecorder returns a Recorder. now is the clock (time.Now in production).
func NewRecorder(now func() time.Time) *Recorder {
	if now == nil {
		now = time.Now
	}
	return &Recorder{now: now}
}

// Record appends one event inside tx, which must be the transaction making the
// change. before and after are encoded as JSON (nil for none).
func (r *Recorder) Record(tx *gorm.DB, actor access.Actor, action, entityType, entityID string, before, after any) error {
	b, err := encode(before)
	if err != nil {
		return fmt.Errorf("audit %s: encode before: %w", action, err)
	}
	a, err := encode(after)
	if err != nil {
		return fmt.Errorf("audit %s: encode after: %w", action, err)
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", chainLock).Error; err != nil {
		return fmt.Errorf("audit %s: lock chain: %w", action, err)
	}
	var last struct {
		Seq  int64
		Hash string
	}
	err = tx.Raw("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").Scan(&last).Error
	if err != nil {
		return fmt.Errorf("audit %s: read chain head: %w", action, err)
	}
	prev := last.Hash
	if prev == "" {
		prev = GenesisHash
	}
	ev := models.AuditEvent{
		Seq:        last.Seq + 1,
		At:         r.now().UTC().Truncate(time.Microsecond),
		ActorLabel: actor.Label,
		Action:     action,
		EntityType: entityType,
		EntityID:   entityID,
		Before:     b,
		After:      a,
		RequestID:  actor.RequestID,
		PrevHash:   prev,
	}
	if actor.UserID != "" {
		ev.ActorUserID = &actor.UserID
	}
	if actor.TokenID != "" {
		ev.ActorTokenID = &actor.TokenID
	}
	if ev.Hash, err = Hash(ev); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	if err := tx.Create(&ev).Error; err != nil {
		return fmt.Errorf("audit %s: insert: %w", action, err)
	}
	return nil
}

// encode turns v into canonical JSON (nil stays nil).
func encode(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	return canonical(raw)
}

// canonical re-encodes JSON with sorted keys and no insignificant space, so
// the hash does not depend on how PostgreSQL's jsonb reorders keys on storage.
func canonical(raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v) // maps marshal with sorted keys
}

// Hash computes an event's hash: SHA-256 over the previous hash and a
// canonical encoding of every other field.
func Hash(ev models.AuditEvent) (string, error) {
	before, err := canonical(ev.Before)
	if err != nil {
		return "", fmt.Errorf("canonical before: %w", err)
	}
	after, err := canonical(ev.After)
	if err != nil {
		return "", fmt.Errorf("canonical after: %w", err)
	}
	body, err := json.Marshal([]any{
		ev.Seq, ev.At.UTC().Format(time.RFC3339Nano), ev.ActorUserID, ev.ActorTokenID, ev.ActorLabel,
		ev.Action, ev.EntityType, ev.EntityID, before, after, ev.RequestID,
	})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(ev.PrevHash))
	h.Write([]byte{'\n'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// BrokenLinkError names the first event whose hash does not match.
type BrokenLinkError struct {
	Seq    int64
	Reason string
}

func (e *BrokenLinkError) Error() string {
	return fmt.Sprintf("audit event %d: %s", e.Seq, e.Reason)
}

// Verify walks the whole chain in order. It returns how many events it checked
// and a *BrokenLinkError for the first event that does not match.
func Verify(ctx context.Context, db *gorm.DB) (int64, error) {
	const page = 5000
	prev := GenesisHash
	var n, after int64
	for {
		var evs []models.AuditEvent
		if err := db.WithContext(ctx).Where("seq > ?", after).Order("seq").Limit(page).Find(&evs).Error; err != nil {
			return n, fmt.Errorf("read audit events: %w", err)
		}
		for _, ev := range evs {
			if ev.Seq != after+1 {
				return n, &BrokenLinkError{Seq: after + 1, Reason: "is missing from the chain"}
			}
			if ev.PrevHash != prev {
				return n, &BrokenLinkError{Seq: ev.Seq, Reason: "prev_hash does not match the hash of the event before it"}
			}
			want, err := Hash(ev)
			if err != nil {
				return n, &BrokenLinkError{Seq: ev.Seq, Reason: "cannot be encoded: " + err.Error()}
			}
			if want != ev.Hash {
				return n, &BrokenLinkError{Seq: ev.Seq, Reason: "hash does not match its contents"}
			}
			prev, after = ev.Hash, ev.Seq
			n++
		}
		if len(evs) < page {
			return n, nil
		}
	}
}

// IsBroken reports whether err is a broken chain (as opposed to a failure to read it).
func IsBroken(err error) bool {
	var b *BrokenLinkError
	return errors.As(err, &b)
}
