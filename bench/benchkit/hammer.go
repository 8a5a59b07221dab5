package benchkit

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Result is what a load measured: the latency of each request answered 200,
// and how many requests failed or were answered otherwise.
type Result struct {
	Latencies []time.Duration
	Errors    int
}

// Hammer runs clients concurrent loops of GET for d, each request's address
// and bearer token ("" for none) from pick, each request given up after
// timeout. When probe is set, one more loop requests it, without a token,
// beside them, and its result is the second returned.
func Hammer(clients int, d, timeout time.Duration, pick func(*rand.Rand) (url, token string), probe string) (all, probed Result) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	conns := clients
	if probe != "" {
		conns++
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns}, Timeout: timeout}
	loop := func(seed uint64, pick func(*rand.Rand) (string, string), into func([]time.Duration, int)) {
		defer wg.Done()
		r := rand.New(rand.NewPCG(seed, 7))
		var lat []time.Duration
		errs := 0
		for time.Now().Before(deadline) {
			url, token := pick(r)
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			t0 := time.Now()
			resp, err := client.Do(req)
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("status %d", resp.StatusCode)
				}
			}
			if err != nil {
				errs++
				continue
			}
			lat = append(lat, time.Since(t0))
		}
		into(lat, errs)
	}
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go loop(uint64(c), pick, func(lat []time.Duration, errs int) {
			mu.Lock()
			all.Latencies = append(all.Latencies, lat...)
			all.Errors += errs
			mu.Unlock()
		})
	}
	if probe != "" {
		wg.Add(1)
		go loop(999, func(*rand.Rand) (string, string) { return probe, "" }, func(lat []time.Duration, errs int) {
			probed = Result{Latencies: lat, Errors: errs}
		})
	}
	wg.Wait()
	return all, probed
}
