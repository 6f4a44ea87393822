package github

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// bodyTransport answers every request with the same JSON body.
type bodyTransport struct{ body []byte }

func (b bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Content-Type": {"application/json"}, "X-Ratelimit-Remaining": {"4999"}},
		Body:    io.NopCloser(bytes.NewReader(b.body)),
		Request: r}, nil
}

// FuzzDecodeAnswers feeds arbitrary bodies to every GitHub call of a
// project (repository, roadmap commit, labelled issues): decoding and
// turning them into facts and items must never panic, and whatever comes
// out is bounded and well formed.
func FuzzDecodeAnswers(f *testing.F) {
	f.Add([]byte(`{"full_name":"sci/alpha","stargazers_count":12,"archived":false,"topics":["a"],"pushed_at":"2026-01-01T00:00:00Z"}`))
	f.Add([]byte(`[{"number":5,"title":"Metadata issue","body":"See [Dask](https://en.wikipedia.org/wiki/Dask_(software))","labels":[{"name":"roadmap"}],"reactions":{"total_count":3,"+1":2},"html_url":"https://github.com/sci/alpha/issues/5"}]`))
	f.Add([]byte(`[{"sha":"abc","commit":{"committer":{"date":"0000-01-01T00:00:00Z"}},"html_url":"javascript:alert(1)"}]`))
	f.Add([]byte(`{"message":"Bad credentials"}`))
	f.Add([]byte(`[{"number":-1,"title":"` + strings.Repeat("x", 5000) + `","pull_request":{}}]`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := New(Options{BaseURL: "https://api.github.invalid/", Token: "t", Labels: []string{"roadmap"},
			Transport: bodyTransport{body}, Timeout: 5 * time.Second, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		res := c.Project(context.Background(), roadmap.Project{Slug: "alpha", Name: "alpha", Repo: "sci/alpha", RoadmapFile: "ROADMAP.md"}, true)
		for _, it := range res.Issues {
			if it.URL != "" && !strings.HasPrefix(it.URL, "https://") && !strings.HasPrefix(it.URL, "http://") {
				t.Fatalf("issue URL %q is not http(s)", it.URL)
			}
			if it.Source != roadmap.SourceGitHub && it.Source != "" {
				t.Fatalf("issue source %q", it.Source)
			}
		}
	})
}
