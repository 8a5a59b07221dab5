package jobs_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"assure/internal/jobs"
	"assure/internal/testapp"
	"assure/models"
	"assure/services/access"
	"assure/services/actions"
	"assure/services/catalogue"
	"assure/services/cycles"
)

func TestMain(m *testing.M) { testapp.Main(m) }

// countingScanner runs the real scan and counts the runs.
type countingScanner struct {
	jobs.Scanner
	runs atomic.Int64
}

func (c *countingScanner) Run(ctx context.Context) (int, error) {
	c.runs.Add(1)
	return c.Scanner.Run(ctx)
}

type partitions struct{ calls atomic.Int64 }

func (p *partitions) EnsureAhead(context.Context, int) (int, error) { p.calls.Add(1); return 0, nil }

func overdueWorld(t *testing.T, ta *testapp.App, n int) (owner models.User, execs int) {
	t.Helper()
	owner = ta.UserWith(t, models.RoleImprover)
	for i := 0; i < 3; i++ {
		ta.UserWith(t, models.RoleExecutive)
	}
	sys := access.System("test")
	for i := 0; i < n; i++ {
		title, due := fmt.Sprintf("Overdue %d", i), ta.Clock.Now().AddDate(0, 0, -20-i).Format(time.DateOnly)
		owner := owner.ID
		if _, err := ta.App.Actions.Create(context.Background(), sys, actions.Input{Title: &title, OwnerID: &owner, DueOn: &due}); err != nil {
			t.Fatal(err)
		}
	}
	var e int64
	ta.App.DB.Gorm.Raw("SELECT count(*) FROM users WHERE active AND 'executive' = ANY (roles)").Scan(&e)
	return owner, int(e)
}

// TestTwoInstancesNotifyOnce runs two River clients — two server instances
// — against one database. Only the elected leader enqueues the periodic
// scan, and whichever instance works it, every notification exists once.
func TestTwoInstancesNotifyOnce(t *testing.T) {
	ta := testapp.New(t)
	owner, execs := overdueWorld(t, ta, 4)
	want := int64(4 + 4*execs) // each action: its owner, and every executive (overdue > 14 days)

	ctx := context.Background()
	var scanners []*countingScanner
	var runners []*jobs.Runner
	for i := 0; i < 2; i++ {
		sc := &countingScanner{Scanner: ta.App.Scanner}
		r, err := jobs.New(jobs.Config{Pool: ta.App.DB.Pool, Scanner: sc, Partitions: &partitions{}, Series: ta.App.Issues, Log: ta.App.Log,
			ID: fmt.Sprintf("instance-%d-%d", i, time.Now().UnixNano()), PollInterval: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		scanners, runners = append(scanners, sc), append(runners, r)
	}
	done := make(chan struct{}, 8)
	for _, r := range runners {
		events, cancel := r.Client().Subscribe(river.EventKindJobCompleted)
		defer cancel()
		go func() {
			for ev := range events {
				if ev.Job.Kind == (jobs.NotifyArgs{}).Kind() {
					done <- struct{}{}
				}
			}
		}()
	}
	for _, r := range runners {
		if err := r.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		stop, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		for _, r := range runners {
			if err := r.Stop(stop); err != nil {
				t.Error(err)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("no notification scan completed within 30 s")
	}
	// Whatever else the instances do meanwhile, no event is told twice:
	// also when both scan at the very same time, as a leader change could
	// make them.
	var wg sync.WaitGroup
	for _, sc := range scanners {
		for k := 0; k < 3; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := sc.Run(ctx); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	if n := ta.Count(t, "notifications", "kind IN ('action_overdue', 'action_escalated')"); n != want {
		t.Fatalf("%d overdue notifications, want %d", n, want)
	}
	if n := ta.Count(t, "notifications", "kind = 'action_overdue' AND user_id = ?", owner.ID); n != 4 {
		t.Fatalf("owner told %d times about 4 actions", n)
	}
	if n := ta.Count(t, "river_job", "kind = ?", (jobs.NotifyArgs{}).Kind()); n != 1 {
		t.Errorf("%d scan jobs enqueued, want 1 (only the leader enqueues, unique per minute)", n)
	}
	if n := ta.Count(t, "river_job", "kind = ?", (jobs.PartitionsArgs{}).Kind()); n != 1 {
		t.Errorf("%d partition jobs enqueued, want 1", n)
	}
}

// TestNotifyWorkerRunsTheScan calls the worker directly, as unit tests may.
func TestNotifyWorkerRunsTheScan(t *testing.T) {
	ta := testapp.New(t)
	_, execs := overdueWorld(t, ta, 1)
	w := &jobs.NotifyWorker{Scanner: ta.App.Scanner}
	before := ta.Count(t, "notifications", "")
	if err := w.Work(context.Background(), &river.Job[jobs.NotifyArgs]{}); err != nil {
		t.Fatal(err)
	}
	if got := ta.Count(t, "notifications", "") - before; got < int64(1+execs) {
		t.Fatalf("made %d, want at least %d", got, 1+execs)
	}
	p := &partitions{}
	if err := (&jobs.PartitionsWorker{Partitions: p}).Work(context.Background(), &river.Job[jobs.PartitionsArgs]{}); err != nil || p.calls.Load() != 1 {
		t.Fatalf("partitions worker: %v, %d calls", err, p.calls.Load())
	}
}

// TestStartWhenReadyWaitsForTheSchema: the server starts River only once
// migrations have run, and gives up when shut down first.
func TestStartWhenReadyWaitsForTheSchema(t *testing.T) {
	ta := testapp.New(t)
	r, err := jobs.New(jobs.Config{Pool: ta.App.DB.Pool, Scanner: ta.App.Scanner, Partitions: &partitions{}, Series: ta.App.Issues, Log: ta.App.Log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var asked atomic.Int64
	finished := make(chan struct{})
	go func() {
		r.StartWhenReady(ctx, func(context.Context) (bool, error) { asked.Add(1); return false, nil })
		close(finished)
	}()
	time.Sleep(700 * time.Millisecond)
	cancel()
	select {
	case <-finished:
	case <-time.After(5 * time.Second):
		t.Fatal("StartWhenReady did not give up")
	}
	if asked.Load() < 2 {
		t.Fatalf("asked %d times", asked.Load())
	}
	if err := r.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestAwaitingTheBoardIsToldAtOnce: moving a cycle to Study enqueues a scan
// in the same transaction, which a running instance works straight away.
func TestAwaitingTheBoardIsToldAtOnce(t *testing.T) {
	ta := testapp.New(t)
	board := ta.UserWith(t, models.RoleBoard)
	ctx := context.Background()
	r, err := jobs.New(jobs.Config{Pool: ta.App.DB.Pool, Scanner: ta.App.Scanner, Partitions: &partitions{}, Series: ta.App.Issues, Log: ta.App.Log,
		PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := r.Client().Subscribe(river.EventKindJobCompleted)
	defer cancel()
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stop, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		_ = r.Stop(stop) // the test's outcome is decided above
	}()

	sys := access.System("test")
	c, err := ta.App.Cycles.Create(ctx, sys, cyclesInput(ta, t))
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"do", "study"} {
		if to == "study" {
			notes, obs := "Done", "Seen"
			if _, err := ta.App.Cycles.Update(ctx, sys, c.ID, cycles.Input{DoNotes: &notes, Observations: &obs}, nil); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ta.App.Cycles.Transition(ctx, sys, c.ID, to, "", nil); err != nil {
			t.Fatal(err)
		}
	}
	// Whichever scan got there first (the transition's, or a periodic
	// one), the board member is told once.
	waitFor(t, events, jobs.NotifySoonArgs{}.Kind())
	if n := ta.Count(t, "notifications", "kind = 'cycle_awaiting_board' AND entity_id = ? AND user_id = ?", c.ID, board.ID); n != 1 {
		t.Fatalf("board member told %d times", n)
	}
}

func waitFor(t *testing.T, events <-chan *river.Event, kind string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Job.Kind == kind {
				return
			}
		case <-deadline:
			t.Fatalf("no %s job completed within 30 s", kind)
		}
	}
}

// cyclesInput is a cycle ready for Do, measuring a fresh standard.
func cyclesInput(ta *testapp.App, t *testing.T) cycles.Input {
	t.Helper()
	id := uuid.NewString()
	code := "J" + strings.ToUpper(id[:6]) + "-01"
	for _, q := range []string{
		`INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup)
		 VALUES (?, ?, 'Jobs test', 'performance', 'm', 'seconds', 'lower_is_better', 15, 'week', 'mean')`,
	} {
		if err := ta.App.DB.Gorm.Exec(q, id, code).Error; err != nil {
			t.Fatal(err)
		}
	}
	owner := ta.UserWith(t, models.RoleImprover).ID
	title, aim, idea := "Jobs test cycle", "Faster", "Badges"
	dir, size := "decrease", 2.0
	start := ta.Clock.Now().AddDate(0, 0, -7).Format(time.DateOnly)
	ms := []cycles.MeasureInput{{StandardID: id, Role: "outcome", PredictedDirection: &dir, PredictedChange: &size}}
	return cycles.Input{Title: &title, Aim: &aim, ChangeIdea: &idea, Measures: &ms,
		OwnerID:     catalogue.Optional[string]{Set: true, Value: &owner},
		DoStartedOn: catalogue.Optional[string]{Set: true, Value: &start}}
}
