package testutil

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, url string, header map[string]string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func TestFakeGitHub(t *testing.T) {
	f := NewFakeGitHub(t)
	f.AddRepo(FakeRepo{Owner: "o", Name: "r", Issues: []FakeIssue{{Number: 1, Labels: []string{"a", "b"}}, {Number: 2, Labels: []string{"a"}}}})
	f.AddRepo(FakeRepo{Owner: "o", Name: "old", MovedTo: "o/r"})
	auth := map[string]string{"Authorization": "Bearer tok"}
	f.SetToken("tok")

	if r := get(t, f.URL()+"repos/o/r", nil); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d", r.StatusCode)
	}
	r := get(t, f.URL()+"repos/o/r", auth)
	etag := r.Header.Get("ETag")
	if r.StatusCode != http.StatusOK || etag == "" || r.Header.Get("X-RateLimit-Resource") != "core" {
		t.Fatalf("repo: %d %v", r.StatusCode, r.Header)
	}
	auth["If-None-Match"] = etag
	if r := get(t, f.URL()+"repos/o/r", auth); r.StatusCode != http.StatusNotModified {
		t.Errorf("conditional: %d", r.StatusCode)
	}
	delete(auth, "If-None-Match")
	if f.Requests() != 3 || f.Counted() != 2 || f.NotModified() != 1 {
		t.Errorf("counts %d/%d/%d", f.Requests(), f.Counted(), f.NotModified())
	}
	f.SetPageSize(1)
	r = get(t, f.URL()+"repos/o/r/issues?labels=a&state=open", auth)
	if l := r.Header.Get("Link"); !strings.HasPrefix(l, "<"+f.URL()+"repos/o/r/issues?") || !strings.Contains(l, "page=2") {
		t.Errorf("Link = %q", l)
	}
	r = get(t, f.URL()+"repos/o/r/issues?labels=a,b&state=open", auth)
	if r.Header.Get("Link") != "" {
		t.Errorf("labels=a,b should match one issue only")
	}
	f.FailNext(http.StatusTooManyRequests, "1", 1)
	if r := get(t, f.URL()+"repos/o/r", auth); r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "1" {
		t.Errorf("secondary: %d", r.StatusCode)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest(http.MethodGet, f.URL()+"repos/o/old/issues?x=1", nil)
	req.Header.Set("Authorization", "token tok")
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != f.URL()+"repos/o/r/issues?x=1" {
		t.Errorf("moved: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.ExhaustPrimary(time.Now().Add(time.Hour))
	if r := get(t, f.URL()+"repos/o/r", auth); r.StatusCode != http.StatusForbidden || r.Header.Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("primary: %d", r.StatusCode)
	}
}
