package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's chromium (headless, without the sandbox,
// since tests run as root in CI) through the pages a person uses. They
// write screenshots at 1280×800 and 390×844 to $ROADMAPPER_SCREENSHOTS, or
// to a temporary directory.

// chromium finds the browser, or skips the test saying how to install it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed (Debian: apt-get install chromium); browser tests skipped")
	return ""
}

// browserTab starts one headless browser for the test and returns a tab.
func browserTab(t *testing.T) context.Context {
	t.Helper()
	path := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Headless,
		chromedp.WindowSize(1280, 800), chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// shotsDir is where screenshots go.
func shotsDir(t *testing.T) string {
	if d := os.Getenv("ROADMAPPER_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// do runs actions with a time limit, failing the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// waitFor evaluates a JavaScript condition until it holds, failing the
// test with what was awaited when it does not within the time limit.
// Errors while the page navigates count as "not yet".
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: condition never held (last error: %v)", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(c, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// screenshots saves the current page at desktop and phone sizes.
func screenshots(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	for _, size := range []struct {
		w, h   int64
		suffix string
	}{{1280, 800, "desktop"}, {390, 844, "phone"}} {
		c, cancel := context.WithTimeout(ctx, 15*time.Second)
		err := chromedp.Do(c, chromedp.EmulateViewport(size.w, size.h), chromedp.Sleep(100*time.Millisecond))
		var png []byte
		if err == nil {
			png, err = chromedp.Run(c, chromedp.CaptureScreenshot())
		}
		cancel()
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+size.suffix+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do(t, ctx, "reset viewport", chromedp.EmulateViewport(1280, 800))
}

func TestBrowserFlows(t *testing.T) {
	ctx := browserTab(t)
	f := newFixture(t, nil)
	dir := shotsDir(t)
	base := f.srv.URL
	t.Logf("screenshots in %s", dir)

	// Overview: filter to stale with the enhanced links, then sort.
	do(t, ctx, "open the overview", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("table[data-audit]")))
	if s := text(t, ctx, ".survey-line"); !strings.Contains(s, "5 projects: 4 have a roadmap (80%), 2 of them current and substantial (40% of all)") {
		t.Errorf("survey line %q", s)
	}
	screenshots(t, ctx, dir, "overview")
	do(t, ctx, "filter to stale", chromedp.Click(chromedp.CSS(`a[data-filter="stale"]`)))
	visible := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("table[data-audit] tbody tr")).filter(r => r.getClientRects().length > 0).map(r => r.dataset.status)`)
	if len(visible) != 1 || visible[0] != "stale" {
		t.Errorf("rows shown after filtering to stale: %v", visible)
	}
	do(t, ctx, "phone size", chromedp.EmulateViewport(390, 844))
	if n := eval[int](t, ctx, `Array.from(document.querySelectorAll("table[data-audit] tbody tr")).filter(r => r.getClientRects().length > 0).length`); n != 1 {
		t.Errorf("%d rows shown at phone size after filtering to stale", n)
	}
	do(t, ctx, "desktop size", chromedp.EmulateViewport(1280, 800))
	if loc := eval[string](t, ctx, `location.search`); loc != "?status=stale" {
		t.Errorf("URL after filtering: %q", loc)
	}
	do(t, ctx, "open the evidence", chromedp.Click(chromedp.CSS(`tr[data-status="stale"] summary`)))
	if s := text(t, ctx, `tr[data-status="stale"] .evidence`); !strings.Contains(s, "Last updated: March 2019") {
		t.Errorf("evidence %q", s)
	}
	screenshots(t, ctx, dir, "overview-stale")
	do(t, ctx, "project page", chromedp.Navigate(base+"/projects/quasar"), chromedp.WaitVisible(chromedp.CSS(".items")))
	screenshots(t, ctx, dir, "project")

	// A client through the form: one invalid field, its error, then saved.
	do(t, ctx, "open the client form",
		chromedp.Navigate(base+"/clients/new"),
		chromedp.SendKeys(chromedp.ID("name"), "Acme Compute"),
		chromedp.SendKeys(chromedp.ID("interests"), "GPU\ndistributed\ntype annotations"),
		chromedp.SetValue(chromedp.ID("theme-gpu"), "3"),
		chromedp.SendKeys(chromedp.ID("items_per_project"), "12"),
		chromedp.SendKeys(chromedp.ID("min_score"), "0"),
		chromedp.Click(chromedp.CSS(`form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("ipp-error")),
	)
	if s := text(t, ctx, "#ipp-error"); s != "items_per_project must be between 1 and 10" {
		t.Errorf("error next to the field: %q", s)
	}
	if v := eval[string](t, ctx, `document.getElementById("items_per_project").getAttribute("aria-invalid")`); v != "true" {
		t.Errorf("aria-invalid %q", v)
	}
	screenshots(t, ctx, dir, "client-form-error")
	do(t, ctx, "fix the field and save",
		chromedp.SetValue(chromedp.ID("items_per_project"), "2"),
		chromedp.Click(chromedp.CSS(`form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".ranked")),
	)
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/clients/acme-compute" {
		t.Fatalf("after saving: %s", loc)
	}

	// Ranked items; pin one and hide one, each with a reason.
	if n := eval[int](t, ctx, `document.querySelectorAll(".ranked > li").length`); n < 5 {
		t.Errorf("%d ranked items", n)
	}
	do(t, ctx, "pin packaging",
		chromedp.SendKeys(chromedp.ID("item-quasar--packaging-reason"), "the client builds wheels"),
		chromedp.Click(chromedp.CSS(`#item-quasar--packaging button[value="pin"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#item-quasar--packaging .badge-pin`)),
	)
	// The form posts and the page reloads. Mark the old page so that only
	// the new one can satisfy the wait: the old one still shows the pin's
	// flash, and on a loaded machine it may be the one queried.
	eval[bool](t, ctx, `(document.body.dataset.before = "hide", true)`)
	do(t, ctx, "hide GPU acceleration",
		chromedp.SendKeys(chromedp.ID("item-quasar--gpu-acceleration-reason"), "they have their own GPU team"),
		chromedp.Click(chromedp.CSS(`#item-quasar--gpu-acceleration button[value="hide"]`)),
	)
	waitFor(t, ctx, "the page after the hide",
		`document.readyState === "complete" && !document.body.dataset.before && !!document.querySelector(".flash")`)
	if s := text(t, ctx, ".flash"); s != "Saved: hide quasar/gpu-acceleration." {
		t.Errorf("flash %q", s)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#item-quasar--gpu-acceleration").length`); n != 0 {
		t.Error("hidden item still listed")
	}
	do(t, ctx, "explain", chromedp.Click(chromedp.CSS(`#item-nebula--distributed-scheduling .explain summary`)))
	if s := text(t, ctx, `#item-nebula--distributed-scheduling .explain table`); !strings.Contains(s, "+") {
		t.Errorf("explain table %q", s)
	}
	// The preview is page 1 as an image (with pdftoppm), else the PDF embedded.
	if got := eval[string](t, ctx, `new Promise(ok => { const p = document.getElementById("preview");
		if (p.tagName !== "IMG") return ok(p.tagName + " " + p.getAttribute("data"));
		const done = () => ok("IMG " + p.naturalWidth); if (p.complete) done(); else { p.onload = done; p.onerror = done; } })`); got != "OBJECT /clients/acme-compute/brochure.pdf?inline=1" && (!strings.HasPrefix(got, "IMG ") || got == "IMG 0") {
		t.Errorf("preview: %q", got)
	}
	screenshots(t, ctx, dir, "workspace")

	// Download the PDF and read it.
	downloads := t.TempDir()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	do(t, ctx, "download the brochure",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true)})
			return err
		}),
		chromedp.Click(chromedp.CSS(`a[download]`)),
	)
	var pdf []byte
	deadline := time.Now().Add(15 * time.Second)
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			pdf, err = os.ReadFile(filepath.Join(downloads, ev.GUID))
			if err != nil {
				t.Fatal(err)
			}
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled || time.Now().After(deadline) {
			t.Fatalf("download %s", ev.State)
		}
	}
	txt := pdfText(t, pdf)
	if !strings.Contains(txt, "Packaging") || strings.Contains(txt, "GPU acceleration") {
		t.Errorf("downloaded brochure: pinned item in %v, hidden item out %v\n%s", strings.Contains(txt, "Packaging"), !strings.Contains(txt, "GPU acceleration"), txt)
	}

	// A crawl against the fake site, watched live until it finishes.
	do(t, ctx, "start a crawl",
		chromedp.Navigate(base+"/crawl"),
		chromedp.Click(chromedp.CSS(`button[data-crawl-start]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-crawl-done] a`)),
	)
	if s := text(t, ctx, "[data-crawl-text]"); !strings.HasPrefix(s, "Crawl 2 finished") {
		t.Errorf("crawl text %q", s)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-crawl-log] li").length`); n != 5 {
		t.Errorf("%d projects in the live log", n)
	}
	if v := eval[int](t, ctx, `document.querySelector("progress").value`); v != 5 {
		t.Errorf("progress %d", v)
	}
	screenshots(t, ctx, dir, "crawl")
	do(t, ctx, "reports", chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(chromedp.CSS("table")))
	screenshots(t, ctx, dir, "reports")

	// A POST without the CSRF token is refused, from the page itself.
	if code := eval[int](t, ctx, `fetch("/clients", {method: "POST", body: new URLSearchParams({name: "Sneaky"})}).then(r => r.status)`); code != 403 {
		t.Errorf("POST without CSRF token: %d", code)
	}
	// Keyboard: the skip link is the first stop and shows when focused.
	do(t, ctx, "tab to the skip link", chromedp.Navigate(base+"/"), chromedp.KeyEvent("\t"))
	if s := eval[string](t, ctx, `document.activeElement.className + " " + getComputedStyle(document.activeElement).left`); !strings.HasPrefix(s, "skip ") || strings.HasSuffix(s, "-999px") {
		t.Errorf("first tab stop: %q", s)
	}
}

func TestBrowserLoginLogout(t *testing.T) {
	ctx := browserTab(t)
	f := newFixture(t, map[string]string{EnvEditorPassword: "edit-pw", EnvViewerPassword: "view-pw"})
	dir := shotsDir(t)
	base := f.srv.URL
	do(t, ctx, "open the site", chromedp.Navigate(base+"/clients"), chromedp.WaitVisible(chromedp.ID("password")))
	if p := eval[string](t, ctx, `location.pathname + location.search`); p != "/login?next=%2Fclients" {
		t.Errorf("redirected to %s", p)
	}
	do(t, ctx, "wrong password",
		chromedp.SendKeys(chromedp.ID("user"), "Ann"),
		chromedp.SendKeys(chromedp.ID("password"), "nope"),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.ID("login-error")),
	)
	screenshots(t, ctx, dir, "login-error")
	do(t, ctx, "sign in",
		chromedp.SendKeys(chromedp.ID("password"), "edit-pw"),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS(".who")),
	)
	if p := eval[string](t, ctx, `location.pathname`); p != "/clients" {
		t.Errorf("after sign-in: %s", p)
	}
	if s := text(t, ctx, ".who span"); s != "Ann editor" {
		t.Errorf("signed in as %q", s)
	}
	// The session cookie is out of reach of scripts.
	if c := eval[string](t, ctx, `document.cookie`); strings.Contains(c, sessionCookie) {
		t.Errorf("session cookie visible to scripts: %q", c)
	}
	screenshots(t, ctx, dir, "clients-signed-in")
	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS(".who button")), chromedp.WaitVisible(chromedp.ID("password")))
	if s := text(t, ctx, ".flash"); s != "Signed out." {
		t.Errorf("after sign-out: %q", s)
	}
	do(t, ctx, "back to a page", chromedp.Navigate(base+"/clients"), chromedp.WaitVisible(chromedp.ID("password")))
	if code := eval[int](t, ctx, `fetch("/crawl", {method: "POST"}).then(r => r.status)`); code != 401 {
		t.Errorf("POST after sign-out: %d", code)
	}
}

func ptr[T any](v T) *T { return &v }
