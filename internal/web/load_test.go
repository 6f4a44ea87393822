package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoadDuringCrawls runs 20 browsers-worth of clients, 50 mixed requests
// each (page views, explain, brochure downloads, curation and profile
// edits), while crawls run back to back, and wants every answer right: no
// 5xx, no "database is locked", no refused edit. It logs the latency
// percentiles.
func TestLoadDuringCrawls(t *testing.T) {
	const clients, requests = 20, 50
	f := newFixture(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	type user struct {
		c    *http.Client
		tok  string
		slug string
		ver  int64 // profile version
		cv   int64 // curation version
	}
	users := make([]*user, clients)
	for i := range users {
		u := &user{c: f.client()}
		u.slug = f.createClient(u.c, url.Values{"name": {fmt.Sprintf("Client %02d", i)}, "interests": {"GPU\ndistributed"}, "theme-gpu": {"3"}, "min_score": {"0"}})
		u.tok = f.csrf(u.c, "/clients/"+u.slug)
		u.ver = 1
		users[i] = u
	}

	// Crawls back to back for as long as the load runs.
	loadDone := make(chan struct{})
	crawls := 0
	var crawlErr error
	var cw sync.WaitGroup
	cw.Go(func() {
		for {
			select {
			case <-loadDone:
				return
			default:
			}
			if err := f.web.crawls.start("load"); err != nil {
				crawlErr = err
				return
			}
			for f.web.crawls.status().Running {
				time.Sleep(5 * time.Millisecond)
			}
			if st := f.web.crawls.status(); st.Error != "" {
				crawlErr = fmt.Errorf("crawl: %s", st.Error)
				return
			}
			crawls++
		}
	})

	var mu sync.Mutex
	var lat []time.Duration
	var errs []string
	record := func(d time.Duration, err string) {
		mu.Lock()
		defer mu.Unlock()
		lat = append(lat, d)
		if err != "" && len(errs) < 20 {
			errs = append(errs, err)
		}
	}
	// call sends one request and checks its status and body.
	call := func(u *user, method, path string, form url.Values, want int) {
		var body io.Reader
		if form != nil {
			form.Set("csrf", u.tok)
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequestWithContext(ctx, method, f.srv.URL+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		start := time.Now()
		resp, err := u.c.Do(req)
		if err != nil {
			record(time.Since(start), fmt.Sprintf("%s %s: %v", method, path, err))
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		d := time.Since(start)
		switch {
		case resp.StatusCode != want:
			record(d, fmt.Sprintf("%s %s: %d (want %d) %.200s", method, path, resp.StatusCode, want, b))
		case strings.Contains(string(b), "database is locked") || strings.Contains(string(b), "SQLITE_BUSY"):
			record(d, fmt.Sprintf("%s %s: database is locked", method, path))
		default:
			record(d, "")
		}
	}

	items := []string{"quasar/packaging", "nebula/typed-public-api", "quasar/documentation-overhaul"}
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Go(func() {
			for n := range requests {
				switch n % 10 {
				case 0, 1:
					call(u, "GET", "/clients/"+u.slug, nil, 200)
				case 2:
					call(u, "GET", "/", nil, 200)
				case 3:
					call(u, "GET", "/projects/nebula", nil, 200)
				case 4:
					call(u, "GET", "/clients/"+u.slug+"/explain?id=nebula/distributed-scheduling", nil, 200)
				case 5:
					call(u, "GET", "/clients/"+u.slug+"/brochure.pdf", nil, 200)
				case 6, 7:
					// Pin, then withdraw the pin, one item after another.
					form := url.Values{"cv": {fmt.Sprint(u.cv)}, "item": {items[(i+n)%len(items)]}, "action": {"pin"}, "reason": {"load test"}}
					if n%10 == 7 {
						form.Set("remove", "1")
						form.Set("item", items[(i+n-1)%len(items)])
					}
					call(u, "POST", "/clients/"+u.slug+"/curation", form, http.StatusSeeOther)
					u.cv++
				case 8:
					form := url.Values{"version": {fmt.Sprint(u.ver)}, "name": {fmt.Sprintf("Client %02d", i)}, "interests": {fmt.Sprintf("GPU\nround %d", n)}, "min_score": {"0"}}
					call(u, "POST", "/clients/"+u.slug, form, http.StatusSeeOther)
					u.ver++
				case 9:
					call(u, "GET", "/crawl/status", nil, 200)
				}
			}
		})
	}
	wg.Wait()
	close(loadDone)
	cw.Wait()
	if ctx.Err() != nil {
		t.Fatalf("load did not finish within its time bound: %v", ctx.Err())
	}
	if crawlErr != nil {
		t.Errorf("crawls during the load: %v", crawlErr)
	}
	if crawls == 0 {
		t.Error("no crawl finished during the load")
	}
	for _, e := range errs {
		t.Error(e)
	}
	// Every edit arrived: the flash cookie was consumed by the redirects'
	// next page, so read the stored versions instead.
	for _, u := range users {
		sc, err := f.app.Store.FindClient(context.Background(), u.slug)
		if err != nil || sc.Version != u.ver || sc.CurationVersion != u.cv {
			t.Errorf("%s: stored version %d/%d, want %d/%d (%v)", u.slug, sc.Version, sc.CurationVersion, u.ver, u.cv, err)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	t.Logf("%d requests from %d clients during %d crawls: p50 %v, p95 %v, max %v", len(lat), clients, crawls,
		pct(0.50).Round(time.Millisecond), pct(0.95).Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
}
