package web

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func writeFile(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPagesRenderSafely(t *testing.T) {
	f := newFixture(t, nil)
	c := f.client()
	inline := regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`)
	for _, path := range []string{"/", "/?status=stale&sort=updated&dir=desc", "/projects/quasar", "/projects/quiet", "/clients", "/clients/new", "/reports", "/reports/1", "/crawl"} {
		req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		_, body := f.get(c, path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d\n%s", path, resp.StatusCode, body)
			continue
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
		if inline.MatchString(body) || strings.Contains(body, " onclick=") || strings.Contains(body, "javascript:") {
			t.Errorf("%s: inline script", path)
		}
	}
	// The report itself is the standalone HTML report, with its own strict CSP.
	resp, err := c.Get(f.srv.URL + "/reports/1/report.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); resp.StatusCode != 200 || !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "script") {
		t.Errorf("report.html: %d, CSP %q", resp.StatusCode, csp)
	}
	if code, _ := f.get(c, "/projects/nope"); code != 404 {
		t.Errorf("unknown project: %d", code)
	}
	if code, _ := f.get(c, "/reports/99"); code != 404 {
		t.Errorf("unknown report: %d", code)
	}
}

func TestOverviewFiltersAndSorts(t *testing.T) {
	f := newFixture(t, nil)
	c := f.client()
	_, body := f.get(c, "/")
	if !strings.Contains(body, "5 projects: 4 have a roadmap (80%), 2 of them current and substantial (40% of all)") {
		t.Errorf("survey line missing:\n%s", body)
	}
	if !strings.Contains(body, "<svg") || !strings.Contains(body, "stale 1") {
		t.Error("no survey chart")
	}
	_, body = f.get(c, "/?status=stale")
	if !strings.Contains(body, `href="/projects/relic"`) || strings.Contains(body, `href="/projects/quasar"`) {
		t.Errorf("stale filter shows the wrong rows")
	}
	_, body = f.get(c, "/?sort=items&dir=desc")
	q, n := strings.Index(body, `href="/projects/quasar"`), strings.Index(body, `href="/projects/sparse"`)
	if q < 0 || n < 0 || q > n {
		t.Errorf("sort by items descending: quasar at %d, sparse at %d", q, n)
	}
}

func TestPostWithoutCSRFIsRefused(t *testing.T) {
	f := newFixture(t, nil)
	c := f.client()
	f.get(c, "/clients/new") // gets the cookie
	code, _, body := f.post(c, "/clients", url.Values{"name": {"Sneaky"}})
	if code != http.StatusForbidden || !strings.Contains(body, "CSRF") {
		t.Errorf("POST without token: %d %s", code, body)
	}
	// A token from another browser does not fit this browser's cookie.
	other := f.client()
	tok := f.csrf(other, "/clients/new")
	if code, _, _ = f.post(c, "/clients", url.Values{"name": {"Sneaky"}, "csrf": {tok}}); code != http.StatusForbidden {
		t.Errorf("POST with another browser's token: %d", code)
	}
	// A cross-site Origin is refused even with a valid token.
	tok = f.csrf(c, "/clients/new")
	req, _ := http.NewRequest("POST", f.srv.URL+"/clients", strings.NewReader(url.Values{"name": {"Sneaky"}, "csrf": {tok}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin POST: %d", resp.StatusCode)
	}
	if list, _ := f.app.Store.Clients(t.Context()); len(list) != 0 {
		t.Errorf("a refused POST saved %d clients", len(list))
	}
}

func TestAuthOffLoopbackOnly(t *testing.T) {
	f := newFixture(t, nil)
	for addr, ok := range map[string]bool{"127.0.0.1:8080": true, "localhost:9000": true, "[::1]:8080": true, "0.0.0.0:8080": false, ":8080": false, "192.168.1.4:80": false} {
		_, err := New(f.app, Options{Addr: addr})
		if (err == nil) != ok {
			t.Errorf("%s without a password: err %v", addr, err)
		}
	}
	env := map[string]string{EnvEditorPassword: "s3cret"}
	if _, err := New(f.app, Options{Addr: "0.0.0.0:8080", Getenv: func(k string) string { return env[k] }}); err != nil {
		t.Errorf("with a password: %v", err)
	}
	env = map[string]string{EnvViewerPassword: "look"}
	if _, err := New(f.app, Options{Getenv: func(k string) string { return env[k] }}); err == nil {
		t.Error("a viewer password alone was accepted")
	}
}

func TestLoginRolesAndLogout(t *testing.T) {
	f := newFixture(t, map[string]string{EnvEditorPassword: "edit-pw", EnvViewerPassword: "view-pw"})
	c := f.client()
	code, _ := f.get(c, "/")
	if code != http.StatusSeeOther {
		t.Fatalf("anonymous overview: %d, want a redirect to sign in", code)
	}
	tok := f.csrf(c, "/login")
	if code, _, body := f.post(c, "/login", url.Values{"csrf": {tok}, "user": {"Ann"}, "password": {"nope"}}); code != http.StatusUnauthorized || !strings.Contains(body, "wrong password") {
		t.Errorf("bad password: %d", code)
	}
	code, loc, _ := f.post(c, "/login", url.Values{"csrf": {tok}, "user": {"Ann"}, "password": {"edit-pw"}, "next": {"/clients"}})
	if code != http.StatusSeeOther || loc != "/clients" {
		t.Fatalf("login: %d %q", code, loc)
	}
	resp, _ := c.Get(f.srv.URL + "/clients")
	resp.Body.Close()
	for _, ck := range c.Jar.Cookies(resp.Request.URL) {
		if ck.Name == sessionCookie && ck.Value == "" {
			t.Error("empty session cookie")
		}
	}
	// The editor saves a client; the history says who.
	tok = f.csrf(c, "/clients/new")
	if code, _, body := f.post(c, "/clients", url.Values{"csrf": {tok}, "name": {"Helix Bio"}, "interests": {"genomics"}}); code != http.StatusSeeOther {
		t.Fatalf("editor save: %d\n%s", code, body)
	}
	sc, err := f.app.Store.FindClient(t.Context(), "helix-bio")
	if err != nil || sc.CreatedBy != "Ann (editor)" {
		t.Errorf("stored %+v %v", sc, err)
	}
	// Sign out: the session no longer works.
	tok = f.csrf(c, "/clients")
	if code, loc, _ := f.post(c, "/logout", url.Values{"csrf": {tok}}); code != http.StatusSeeOther || loc != "/login" {
		t.Errorf("logout: %d %q", code, loc)
	}
	if code, _ := f.get(c, "/clients"); code != http.StatusSeeOther {
		t.Errorf("after logout: %d", code)
	}

	// A viewer reads but cannot change anything.
	v := f.client()
	tok = f.csrf(v, "/login")
	f.post(v, "/login", url.Values{"csrf": {tok}, "user": {"Val"}, "password": {"view-pw"}})
	if code, body := f.get(v, "/clients/helix-bio"); code != 200 || strings.Contains(body, ">Pin<") {
		t.Errorf("viewer workspace: %d, pin buttons shown: %v", code, strings.Contains(body, ">Pin<"))
	}
	tok = f.csrf(v, "/clients")
	if code, _, body := f.post(v, "/crawl", url.Values{"csrf": {tok}}); code != http.StatusForbidden || !strings.Contains(body, "viewer") {
		t.Errorf("viewer crawl: %d %s", code, body)
	}
}

// createClient saves a client through the form and returns its slug.
func (f *fixture) createClient(c *http.Client, form url.Values) string {
	f.t.Helper()
	form.Set("csrf", f.csrf(c, "/clients/new"))
	code, loc, body := f.post(c, "/clients", form)
	if code != http.StatusSeeOther {
		f.t.Fatalf("create client: %d\n%s", code, body)
	}
	return strings.TrimPrefix(loc, "/clients/")
}

func TestClientFormValidationAndConflict(t *testing.T) {
	f := newFixture(t, nil)
	c := f.client()
	tok := f.csrf(c, "/clients/new")
	// Validated by the rules of the TOML profiles: the error sits by its field.
	code, _, body := f.post(c, "/clients", url.Values{"csrf": {tok}, "name": {"Acme"}, "items_per_project": {"12"}, "theme-gpu": {"3"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `<p class="field-error" id="ipp-error">items_per_project must be between 1 and 10</p>`) {
		t.Fatalf("items_per_project 12: %d\n%s", code, body)
	}
	if !strings.Contains(body, `value="Acme"`) || !strings.Contains(body, `<option value="3" selected>3</option>`) {
		t.Error("the form lost what was typed")
	}
	code, _, body = f.post(c, "/clients", url.Values{"csrf": {tok}, "name": {"Acme"}, "projects": {"quasar, nosuch"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="projects-error">projects: unknown project &#34;nosuch&#34;`) {
		t.Errorf("unknown project: %d\n%s", code, body)
	}
	code, _, body = f.post(c, "/clients", url.Values{"csrf": {tok}, "name": {""}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="name-error">name is required`) {
		t.Errorf("empty name: %d", code)
	}
	slug := f.createClient(c, url.Values{"name": {"Acme Compute"}, "interests": {"GPU\narray API"}, "theme-gpu": {"3"}, "contact": {"Jane Doe, jane@lab.example"}})
	if slug != "acme-compute" {
		t.Fatalf("slug %q", slug)
	}
	_, body = f.get(c, "/clients")
	if !strings.Contains(body, `href="/clients/acme-compute">Acme Compute</a>`) {
		t.Error("client not listed")
	}
	// Two people edit version 1: the second save is refused, not lost silently.
	_, edit := f.get(c, "/clients/acme-compute/edit")
	if !strings.Contains(edit, `name="version" value="1"`) || !strings.Contains(edit, "array API") {
		t.Fatalf("edit form:\n%s", edit)
	}
	tok = f.csrf(c, "/clients/acme-compute/edit")
	first := url.Values{"csrf": {tok}, "version": {"1"}, "name": {"Acme Compute"}, "interests": {"GPU"}}
	if code, _, body := f.post(c, "/clients/acme-compute", first); code != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", code, body)
	}
	second := url.Values{"csrf": {tok}, "version": {"1"}, "name": {"Acme Compute"}, "interests": {"documentation"}}
	code, _, body = f.post(c, "/clients/acme-compute", second)
	if code != http.StatusConflict || !strings.Contains(body, "was changed by local") || !strings.Contains(body, "your save was refused") {
		t.Errorf("second save: %d\n%s", code, body)
	}
	sc, _ := f.app.Store.FindClient(t.Context(), "acme-compute")
	if sc.Version != 2 || strings.Contains(sc.Profile, "documentation") {
		t.Errorf("stored after the conflict: %+v", sc)
	}
	// Another client of the same name is refused next to the name.
	tok = f.csrf(c, "/clients/new")
	code, _, body = f.post(c, "/clients", url.Values{"csrf": {tok}, "name": {"acme compute"}})
	if code != http.StatusConflict || !strings.Contains(body, `id="name-error">a client named Acme Compute already exists`) {
		t.Errorf("duplicate: %d\n%s", code, body)
	}
}

func TestWorkspaceCurationAndBrochure(t *testing.T) {
	f := newFixture(t, nil)
	c := f.client()
	slug := f.createClient(c, url.Values{"name": {"Acme Compute"}, "interests": {"GPU\ndistributed\ntype annotations"}, "theme-gpu": {"3"}, "items_per_project": {"2"}, "min_score": {"0"}})
	_, body := f.get(c, "/clients/"+slug)
	for _, want := range []string{"GPU acceleration", "Distributed scheduling", "in brochure", "</a>: stale roadmap (3 items", "Why this score"} {
		if !strings.Contains(body, want) {
			t.Errorf("workspace lacks %q\n%s", want, body)
		}
	}
	cv := regexp.MustCompile(`name="cv" value="(\d+)"`).FindStringSubmatch(body)[1]
	tok := csrfRE.FindStringSubmatch(body)[1]
	pin := url.Values{"csrf": {tok}, "cv": {cv}, "item": {"quasar/packaging"}, "action": {"pin"}, "reason": {"the client builds wheels"}}
	if code, loc, _ := f.post(c, "/clients/"+slug+"/curation", pin); code != http.StatusSeeOther || !strings.HasSuffix(loc, "#item-quasar--packaging") {
		t.Fatalf("pin: %d %s", code, loc)
	}
	// The same stale form again: refused with a clear message.
	f.post(c, "/clients/"+slug+"/curation", url.Values{"csrf": {tok}, "cv": {cv}, "item": {"quasar/gpu-acceleration"}, "action": {"hide"}, "reason": {"old"}})
	if _, body = f.get(c, "/clients/"+slug); !strings.Contains(body, "Not saved: the curation of Acme Compute was changed by local") {
		t.Errorf("stale curation form not refused:\n%s", body)
	}
	cv = regexp.MustCompile(`name="cv" value="(\d+)"`).FindStringSubmatch(body)[1]
	// No reason, no change.
	f.post(c, "/clients/"+slug+"/curation", url.Values{"csrf": {tok}, "cv": {cv}, "item": {"quasar/gpu-acceleration"}, "action": {"hide"}})
	if _, body = f.get(c, "/clients/"+slug); !strings.Contains(body, "say why") {
		t.Error("hide without reason not refused")
	}
	hide := url.Values{"csrf": {tok}, "cv": {cv}, "item": {"quasar/gpu-acceleration"}, "action": {"hide"}, "reason": {"they have their own GPU work"}}
	if code, _, _ := f.post(c, "/clients/"+slug+"/curation", hide); code != http.StatusSeeOther {
		t.Fatalf("hide: %d", code)
	}
	_, body = f.get(c, "/clients/"+slug)
	if !strings.Contains(body, "Pinned: the client builds wheels") || !strings.Contains(body, "quasar/gpu-acceleration: they have their own GPU work") {
		t.Errorf("curation not shown:\n%s", body)
	}
	if !strings.Contains(body, "local: hide quasar/gpu-acceleration (they have their own GPU work)") {
		t.Error("curation history missing")
	}
	// The explain view gives the same breakdown as items --explain.
	code, exp := f.get(c, "/clients/"+slug+"/explain?id=nebula/distributed-scheduling")
	if code != 200 || !strings.Contains(exp, "Rank ") || !strings.Contains(exp, "total") {
		t.Errorf("explain: %d\n%s", code, exp)
	}

	if f.web.pdftoppm != "" {
		resp, err := c.Get(f.srv.URL + "/clients/" + slug + "/brochure/1")
		if err != nil {
			t.Fatal(err)
		}
		png, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(string(png), "\x89PNG") {
			t.Errorf("page image: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if code, _ := f.get(c, "/clients/"+slug+"/brochure/9"); code != 404 {
			t.Errorf("page 9 of a 1-page brochure: %d", code)
		}
	}
	pdf := f.download(c, "/clients/"+slug+"/brochure.pdf")
	text := pdfText(t, pdf)
	if !strings.Contains(text, "Packaging") || strings.Contains(text, "GPU acceleration") {
		t.Errorf("brochure: pinned item in %v, hidden item out %v\n%s", strings.Contains(text, "Packaging"), !strings.Contains(text, "GPU acceleration"), text)
	}
}

// download fetches a PDF and checks its headers.
func (f *fixture) download(c *http.Client, path string) []byte {
	f.t.Helper()
	resp, err := c.Get(f.srv.URL + path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		f.t.Fatalf("%s: %d %v\n%s", path, resp.StatusCode, resp.Header, b)
	}
	return b
}

// pdfText extracts a PDF's text with pdftotext, skipping without it.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "b.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
