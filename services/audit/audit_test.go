package audit_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/audit"
)

func TestConcurrentRecordsFormOneChain(t *testing.T) {
	db := testdb.New(t).Gorm
	rec := audit.NewRecorder(nil)
	const n = 40
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.Transaction(func(tx *gorm.DB) error {
				return rec.Record(tx, access.System("test"), "test.happened", "thing", fmt.Sprint(i),
					map[string]any{"b": i, "a": []int{i}}, map[string]any{"z": "after", "y": nil})
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	count, err := audit.Verify(context.Background(), db)
	if err != nil || count != n {
		t.Fatalf("Verify = %d, %v; want %d intact events", count, err, n)
	}
}

func TestRolledBackChangeLeavesNoEvent(t *testing.T) {
	db := testdb.New(t).Gorm
	rec := audit.NewRecorder(nil)
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := rec.Record(tx, access.System("test"), "test.rolled_back", "thing", "1", nil, nil); err != nil {
			return err
		}
		return fmt.Errorf("the change failed")
	})
	if err == nil {
		t.Fatal("want the transaction's error")
	}
	var c int64
	db.Model(&models.AuditEvent{}).Count(&c)
	if c != 0 {
		t.Fatalf("%d events after a rollback", c)
	}
}

func TestHashDoesNotDependOnKeyOrderOrSpacing(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)
	ev := models.AuditEvent{Seq: 1, At: at, Action: "x", EntityType: "y", PrevHash: audit.GenesisHash,
		After: json.RawMessage(`{"b":1,"a":{"d":2,"c":3}}`)}
	h1, err := audit.Hash(ev)
	if err != nil {
		t.Fatal(err)
	}
	ev.After = json.RawMessage(`{ "a": {"c": 3, "d": 2}, "b": 1 }`)
	if h2, _ := audit.Hash(ev); h2 != h1 {
		t.Error("the hash depends on key order or spacing")
	}
	ev.After = json.RawMessage(`{"a":{"c":3,"d":2},"b":2}`)
	if h3, _ := audit.Hash(ev); h3 == h1 {
		t.Error("the hash does not depend on the contents")
	}
	ev.After = json.RawMessage(`{"a":{"c":3,"d":2},"b":1}`)
	ev.PrevHash = "1" + audit.GenesisHash[1:]
	if h4, _ := audit.Hash(ev); h4 == h1 {
		t.Error("the hash does not depend on the previous hash")
	}
}

func TestVerifySpotsABrokenLinkAndNamesIt(t *testing.T) {
	db := testdb.New(t).Gorm
	rec := audit.NewRecorder(nil)
	for i := 0; i < 3; i++ {
		if err := db.Transaction(func(tx *gorm.DB) error {
			return rec.Record(tx, access.System("test"), "test.step", "thing", fmt.Sprint(i), nil, map[string]any{"i": i})
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, stmt := range []string{
		"ALTER TABLE audit_events DISABLE TRIGGER USER",
		"UPDATE audit_events SET actor_label = 'someone else' WHERE seq = 3",
		"ALTER TABLE audit_events ENABLE TRIGGER USER",
	} {
		if err := db.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	n, err := audit.Verify(context.Background(), db)
	var broken *audit.BrokenLinkError
	if !audit.IsBroken(err) || n != 2 {
		t.Fatalf("Verify = %d, %v; want 2 good then event 3 broken", n, err)
	}
	if !errors.As(err, &broken) || broken.Seq != 3 {
		t.Fatalf("broken link %+v", broken)
	}
}
