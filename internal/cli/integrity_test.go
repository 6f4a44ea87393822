package cli

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

// switchNet routes every host of a test to a local server (web pages, or
// the fake GitHub API for api.github.invalid) until down is set; then no
// name resolves, as on a machine without network. It never asks a real
// resolver.
type switchNet struct {
	site, api string // host:port of the fake site and the fake GitHub
	down      atomic.Bool
}

func (n *switchNet) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, _ := net.SplitHostPort(addr)
	if n.down.Load() {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	target := n.site
	if host == "api.github.invalid" {
		target = n.api
	}
	var d net.Dialer
	return d.DialContext(ctx, network, target)
}

func (n *switchNet) transport() *http.Transport { return &http.Transport{DialContext: n.dial} }

func hostPort(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// runWith runs roadmapper with the given network and token.
func (e *env) runWith(n *switchNet, token string, args ...string) (int, string, string) {
	e.t.Helper()
	var out, errb bytes.Buffer
	f := false
	a := &App{
		Stdout: &out, Stderr: &errb, StdoutTTY: &f, StderrTTY: &f,
		Getenv: func(k string) string {
			switch k {
			case "GITHUB_TOKEN":
				return token
			case "HOME":
				return e.dir
			}
			return ""
		},
		Now:         func() time.Time { return e.now },
		BackoffBase: 200 * time.Millisecond,
	}
	if n != nil {
		a.HTTPClient = &http.Client{Transport: n.transport()}
		a.GitHubTransport = n.transport()
	}
	code := a.Run(context.Background(), append([]string{"--config", e.config, "--db", e.db}, args...))
	return code, out.String(), errb.String()
}

// manyProjects writes a config of n projects, each on its own host under
// .invalid with a repository on the fake GitHub at api.github.invalid.
func (e *env) manyProjects(n int) {
	e.t.Helper()
	var b strings.Builder
	b.WriteString("[crawl]\nuser_agent = \"roadmapper-test\"\ntimeout = \"5s\"\n" + testutil.AllowLoopback + "\n[github]\napi_url = \"http://api.github.invalid/api-v3/\"\n")
	for i := range n {
		fmt.Fprintf(&b, "\n[[project]]\nslug = \"p%02d\"\nname = \"P%02d\"\nrepo = \"quasar/quasar\"\nroadmap = [\"http://p%02d.invalid/quasar/roadmap.html\"]\nlogo = \"http://p%02d.invalid/quasar/logo.png\"\n", i, i, i, i)
	}
	// and one project known only through GitHub
	b.WriteString("\n[[project]]\nslug = \"ghonly\"\nname = \"GitHub only\"\nrepo = \"quasar/quasar\"\n")
	e.config = filepath.Join(e.dir, "many.toml")
	if err := os.WriteFile(e.config, []byte(b.String()), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// TestNetworkDownOneLine: a night without network ends at once with exit 1
// and one root-cause line, and the database keeps everything it had.
func TestNetworkDownOneLine(t *testing.T) {
	e := newEnv(t)
	e.manyProjects(25)
	n := &switchNet{site: hostPort(t, e.site.URL()), api: hostPort(t, e.gh.URL())}
	// The first night has no GitHub: a night without network must not
	// record even that GitHub could not be asked.
	if code, out, errOut := e.runWith(n, testToken, "crawl", "--no-github"); code != ExitOK {
		t.Fatalf("crawl with network: exit %d\n%s\n%s", code, out, errOut)
	}
	_, itemsBefore, _ := e.runWith(nil, "", "items", "--format", "json")
	_, auditBefore, _ := e.runWith(nil, "", "audit", "--format", "json")

	n.down.Store(true)
	start := time.Now()
	code, out, errOut := e.runWith(n, testToken, "crawl")
	t.Logf("network-down crawl of 25 projects took %s", time.Since(start))
	if code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	want := "roadmapper: no network: 25 of 25 hosts could not be resolved; nothing was saved and the previous data is kept\n"
	if errOut != want || out != "" {
		t.Errorf("stdout %q\nstderr %q\nwant only stderr %q", out, errOut, want)
	}
	if _, items, _ := e.runWith(nil, "", "items", "--format", "json"); items != itemsBefore {
		t.Errorf("items changed by a crawl without network")
	}
	if _, audit, _ := e.runWith(nil, "", "audit", "--format", "json"); audit != auditBefore {
		t.Errorf("audit changed by a crawl without network:\n%s\n%s", auditBefore, audit)
	}
}

// TestBadTokenOneLine: a rejected token is one error naming the variable;
// GitHub work stops after one request and the pages are still crawled.
func TestBadTokenOneLine(t *testing.T) {
	e := newEnv(t)
	e.manyProjects(6)
	n := &switchNet{site: hostPort(t, e.site.URL()), api: hostPort(t, e.gh.URL())}
	code, out, errOut := e.runWith(n, "ghp_not-the-right-one", "crawl")
	if code != ExitPartial {
		t.Errorf("exit %d, want %d", code, ExitPartial)
	}
	if !strings.Contains(out, "6 fetched") {
		t.Errorf("pages not crawled:\n%s", out)
	}
	all := out + errOut
	if n := strings.Count(all, "401"); n != 1 {
		t.Errorf("the rejected token is mentioned %d times, want once:\n%s%s", n, out, errOut)
	}
	if !strings.Contains(errOut, "GitHub rejected the token in GITHUB_TOKEN") {
		t.Errorf("stderr does not name the token variable: %q", errOut)
	}
	if e.gh.Requests() > 1 {
		t.Errorf("%d GitHub requests after the token was rejected, want 1", e.gh.Requests())
	}
}
