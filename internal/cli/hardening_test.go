package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestRetriesZeroIsOneAttempt: [crawl] retries = 0 sends one request to a
// failing page, not four.
func TestRetriesZeroIsOneAttempt(t *testing.T) {
	e := newEnv(t)
	e.site.Set("/gone/roadmap.html", testutil.FakePage{Status: 503, Body: []byte("down")})
	b, _ := os.ReadFile(e.config)
	os.WriteFile(e.config, []byte(strings.Replace(string(b), "retries = 1", "retries = 0", 1)), 0o644)
	e.run("crawl", "--no-github")
	if n := e.site.Requests("/gone/roadmap.html"); n != 1 {
		t.Errorf("%d requests with retries = 0, want 1", n)
	}
}

// TestPrivateSiteNeedsAllowPrivate: without allow_private the fake site on
// 127.0.0.1 is refused, and the error says how to allow it.
func TestPrivateSiteNeedsAllowPrivate(t *testing.T) {
	e := newEnv(t)
	b, _ := os.ReadFile(e.config)
	os.WriteFile(e.config, []byte(strings.Replace(string(b), testutil.AllowLoopback, "", 1)), 0o644)
	code, out, errOut := e.run("crawl", "--no-github")
	if code != ExitFailure || !strings.Contains(out+errOut, "allow_private") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if n := e.site.Requests("/quasar/roadmap.html"); n != 0 {
		t.Errorf("%d requests reached the private site", n)
	}
}
