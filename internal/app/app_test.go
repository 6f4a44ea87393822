package app

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/report"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// fixture is an App over a fresh database, a fake web site and a fake
// GitHub API: four projects, one of whose pages is gone and one with no
// roadmap at all.
type fixture struct {
	t    *testing.T
	app  *App
	site *testutil.FakeSite
	gh   *testutil.FakeGitHub
	dir  string
	now  time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, site: testutil.NewFakeSite(t), gh: testutil.NewFakeGitHub(t), dir: t.TempDir(),
		now: time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)}
	f.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU acceleration", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator."},
		{"Documentation overhaul", "Rewrite the tutorials for newcomers and add worked examples from imaging and genomics."},
		{"Free-threaded Python", "Make the extension modules safe without the GIL and ship wheels for free-threaded builds."},
	}))
	f.site.Set("/quasar/logo.png", testutil.FakePage{ContentType: "image/png", Body: testutil.PNGLogo(color.RGBA{0x20, 0x60, 0xc0, 0xff}, 64)})
	f.site.Set("/nebula/ROADMAP.md", testutil.FakePage{ContentType: "text/markdown; charset=utf-8", Body: []byte(
		"# Nebula roadmap\n\nLast updated: March 2026.\n\n## Distributed scheduling\n\nSpread graph execution over a cluster with a new scheduler that spills to disk.\n\n" +
			"## Typed public API\n\nAdd type annotations to the whole public API and check them in CI.\n")})
	f.site.Set("/gone/roadmap.html", testutil.FakePage{Status: 404, Body: []byte("not here")})
	f.gh.AddRepo(testutil.FakeRepo{Owner: "quasar", Name: "quasar", DefaultBranch: "main", PushedAt: f.now.Add(-48 * time.Hour),
		Issues: []testutil.FakeIssue{{Number: 7, Title: "Support DLPack export", Body: "Export arrays through DLPack so GPU libraries share memory.",
			Labels: []string{"roadmap"}, Reactions: 40, Comments: 12, Created: f.now.AddDate(0, -3, 0), Updated: f.now.AddDate(0, 0, -3)}}})
	cfg := f.config("")
	db := filepath.Join(f.dir, "roadmapper.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Now = f.clock
	f.app = &App{Config: cfg, Store: st, Now: f.clock, LockPath: db + ".lock", DBPath: db, BackoffBase: time.Millisecond}
	return f
}

func (f *fixture) clock() time.Time { return f.now }

// config loads the fixture's configuration with extra TOML appended.
func (f *fixture) config(extra string) *config.Config {
	f.t.Helper()
	text := fmt.Sprintf(`[crawl]
user_agent = "roadmapper-test"
timeout = "5s"
retries = 1
`+testutil.AllowLoopback+`%s
[github]
api_url = %q

[[project]]
slug = "quasar"
name = "Quasar"
repo = "quasar/quasar"
roadmap = ["%[3]s/quasar/roadmap.html"]
logo = "%[3]s/quasar/logo.png"

[[project]]
slug = "nebula"
name = "Nebula"
roadmap = ["%[3]s/nebula/ROADMAP.md"]

[[project]]
slug = "gone"
name = "Gone"
roadmap = ["%[3]s/gone/roadmap.html"]

[[project]]
slug = "quiet"
name = "Quiet"
`, "allow_private = [\"127.0.0.0/8\"]", f.gh.URL(), f.site.URL())
	text += extra
	path := filepath.Join(f.dir, "roadmapper.toml")
	cfg, err := config.Parse([]byte(text), path)
	if err != nil && strings.Contains(err.Error(), "allow_private") {
		// Before the private-address guard, the key is unknown.
		text = strings.Replace(text, "allow_private = [\"127.0.0.0/8\"]", "", 1)
		cfg, err = config.Parse([]byte(text), path)
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return cfg
}

func (f *fixture) crawl() CrawlResult {
	f.t.Helper()
	res, err := f.app.Crawl(context.Background(), CrawlRequest{Projects: f.app.Config.Projects})
	if err != nil {
		f.t.Fatalf("crawl: %v", err)
	}
	return res
}

func TestCrawlReportsProgressAndPartialFailure(t *testing.T) {
	f := newFixture(t)
	var seen []CrawlProgress
	res, err := f.app.Crawl(context.Background(), CrawlRequest{Projects: f.app.Config.Projects,
		Progress: func(p CrawlProgress) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 4 || seen[3].Done != 4 || seen[0].Total != 4 {
		t.Errorf("progress events %+v, want 4 counting to 4", seen)
	}
	sum := res.Summary
	if res.ID != 1 || sum.Fetched != 2 || sum.Failed != 1 {
		t.Errorf("crawl %d: %+v", res.ID, sum)
	}
	if err := res.Err(); !roadmap.IsKind(err, roadmap.KindPartial) || !strings.Contains(err.Error(), "1 of 4 projects failed") {
		t.Errorf("Err() = %v (%v), want a partial failure", err, roadmap.KindOf(err))
	}
	c, err := f.app.Store.Crawl(context.Background(), res.ID)
	if err != nil || c.FinishedAt.IsZero() || c.Fetched != 2 || c.Failed != 1 {
		t.Errorf("crawl record %+v, %v: want finished with the counts", c, err)
	}
}

func TestCrawlResultErr(t *testing.T) {
	f := newFixture(t)
	if err := (CrawlResult{}).Err(); err != nil {
		t.Errorf("no failures: %v", err)
	}
	_ = f
	all := CrawlResult{}
	all.Summary.Failed = 2
	if err := all.Err(); roadmap.KindOf(err) != roadmap.KindFailure || !strings.Contains(err.Error(), "nothing could be fetched") {
		t.Errorf("all failed: %v", err)
	}
}

func TestCrawlBusy(t *testing.T) {
	f := newFixture(t)
	lock, err := os.OpenFile(f.app.LockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	_, err = f.app.Crawl(context.Background(), CrawlRequest{Projects: f.app.Config.Projects})
	if !roadmap.IsKind(err, roadmap.KindBusy) || !strings.Contains(err.Error(), f.app.DBPath) {
		t.Errorf("crawl under a held lock: %v (%v), want busy naming the database", err, roadmap.KindOf(err))
	}
	// A brochure's refresh goes on with the database as it is.
	r, err := f.app.RefreshOld(context.Background(), []roadmap.Client{{Name: "All"}}, time.Hour, nil, nil)
	if err != nil || r.Busy == nil || len(r.Old) != 4 {
		t.Errorf("refresh under a held lock: %+v, %v", r, err)
	}
	if n := f.site.Requests("/quasar/roadmap.html"); n != 0 {
		t.Errorf("a busy crawl fetched %d pages", n)
	}
}

func TestCrawlInterrupted(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := f.app.Crawl(ctx, CrawlRequest{Projects: f.app.Config.Projects, Progress: func(CrawlProgress) { cancel() }})
	if !roadmap.IsKind(err, roadmap.KindInterrupted) || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("canceled crawl: %v (%v)", err, roadmap.KindOf(err))
	}
	if len(res.Summary.Outcomes) == 0 {
		t.Errorf("the project saved before the cancel is not in the result")
	}
	if _, err := f.app.Store.LatestCrawl(context.Background()); err == nil {
		t.Errorf("an interrupted crawl is marked finished")
	}
	// Canceled before it starts.
	_, err = f.app.Crawl(ctx, CrawlRequest{Projects: f.app.Config.Projects})
	if !roadmap.IsKind(err, roadmap.KindInterrupted) {
		t.Errorf("crawl with a canceled context: %v (%v)", err, roadmap.KindOf(err))
	}
}

func TestReplay(t *testing.T) {
	f := newFixture(t)
	_, err := f.app.Crawl(context.Background(), CrawlRequest{Projects: f.app.Config.Projects, Replay: true})
	if !roadmap.IsKind(err, roadmap.KindNotFound) || !strings.Contains(err.Error(), "no archived responses") {
		t.Errorf("replay of an empty database: %v", err)
	}
	f.crawl()
	before := f.site.Requests("/quasar/roadmap.html")
	res, err := f.app.Crawl(context.Background(), CrawlRequest{Projects: f.app.Config.Projects, Replay: true})
	if err != nil || res.Summary.Fetched != 2 || res.Summary.Added != 0 {
		t.Errorf("replay: %+v, %v", res.Summary, err)
	}
	if f.site.Requests("/quasar/roadmap.html") != before {
		t.Errorf("replay fetched a page")
	}
}

func TestRefreshOld(t *testing.T) {
	f := newFixture(t)
	var announced []roadmap.Project
	clients := []roadmap.Client{{Name: "A", Projects: []string{"quasar"}}}
	r, err := f.app.RefreshOld(context.Background(), clients, 24*time.Hour, func(old []roadmap.Project) { announced = old }, nil)
	if err != nil || len(r.Old) != 1 || r.Old[0].Slug != "quasar" || len(announced) != 1 || r.Busy != nil {
		t.Fatalf("first refresh: %+v, %v (announced %v)", r, err, announced)
	}
	// Fresh now: nothing to crawl.
	r, err = f.app.RefreshOld(context.Background(), clients, 24*time.Hour, func([]roadmap.Project) { t.Error("announced a crawl of nothing") }, nil)
	if err != nil || len(r.Old) != 0 {
		t.Errorf("second refresh: %+v, %v", r, err)
	}
	// Two days later every project (a client naming none) is old; one fails.
	f.now = f.now.Add(48 * time.Hour)
	r, err = f.app.RefreshOld(context.Background(), []roadmap.Client{{Name: "B"}}, 24*time.Hour, nil, nil)
	if err != nil || len(r.Old) != 4 || len(r.Failed) != 1 || r.Failed[0].Project != "gone" {
		t.Errorf("refresh of every project: %+v, %v", r, err)
	}
}

func TestItemsAndExplain(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.app.Items(ctx, ItemsRequest{}); err != nil {
		t.Fatalf("items of an empty database: %v", err)
	}
	f.crawl()
	setup, err := LoadRankSetup(f.app.Config, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := f.app.Items(ctx, ItemsRequest{Setup: setup})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range l.List {
		ids = append(ids, s.Item.ID)
	}
	want := "quasar/gpu-acceleration quasar/documentation-overhaul quasar/free-threaded-python quasar/issue-7-support-dlpack-export nebula/distributed-scheduling nebula/typed-public-api"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("roadmap order:\n got %s\nwant %s", got, want)
	}
	client := &roadmap.Client{Name: "GPU Co", Interests: []string{"CUDA"}, Themes: map[string]float64{"gpu": 3}}
	l, err = f.app.Items(ctx, ItemsRequest{Setup: setup, Client: client, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Cut to the limit as it is ranked: only 2 are kept.
	if len(l.List) != 2 || len(l.Scored) != 2 || l.List[0].Score < l.List[1].Score {
		t.Errorf("ranked and cut to 2: %d of %d", len(l.List), len(l.Scored))
	}
	if top := l.List[0].Item.ID; !strings.Contains(top, "gpu") && !strings.Contains(top, "dlpack") {
		t.Errorf("a GPU client's top item is %s", top)
	}
	all, err := f.app.Items(ctx, ItemsRequest{Setup: setup, Client: client})
	if err != nil || len(all.Scored) != 6 || all.Scored[0].Item.ID != l.List[0].Item.ID || all.Scored[1].Item.ID != l.List[1].Item.ID {
		t.Fatalf("the whole ranking does not start with the cut one: %v", err)
	}
	l = all
	ex, err := l.Explain("nebula/typed-public-api")
	if err != nil || ex.Of != 6 || ex.Rank < 1 || ex.Item.Item.ID != "nebula/typed-public-api" {
		t.Errorf("explain: %+v, %v", ex, err)
	}
	if _, err := l.Explain("nebula/nothing"); !roadmap.IsKind(err, roadmap.KindNotFound) {
		t.Errorf("explain of a missing item: %v", err)
	}
	if _, ok := l.Updated["nebula"]; !ok {
		t.Errorf("nebula's stated date is not its roadmap date: %v", l.Updated)
	}
}

func TestSetupErrorsAreInvalidInput(t *testing.T) {
	f := newFixture(t)
	cfg := f.app.Config
	if _, err := LoadRankSetup(cfg, []string{"nosuch"}, ""); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("unknown project: %v", err)
	}
	if _, err := LoadRankSetup(cfg, nil, filepath.Join(f.dir, "missing.toml")); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("missing curation: %v", err)
	}
	bad := filepath.Join(f.dir, "curation.toml")
	os.WriteFile(bad, []byte("[[pin]]\nid = 3\n"), 0o644)
	if _, err := LoadCuration(cfg, bad); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("bad curation: %v", err)
	}
	withThemes := *cfg
	withThemes.Rank.Themes = filepath.Join(f.dir, "themes.toml")
	if _, err := LoadThemes(&withThemes); !roadmap.IsKind(err, roadmap.KindInvalid) || !strings.Contains(err.Error(), "read themes") {
		t.Errorf("missing themes: %v", err)
	}
	os.WriteFile(withThemes.Rank.Themes, []byte("[[theme]]\nnope = 1\n"), 0o644)
	if _, err := LoadThemes(&withThemes); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("bad themes: %v", err)
	}
	th, err := LoadThemes(cfg)
	if err != nil || len(ThemeSlugs(th)) < 5 {
		t.Fatalf("built-in themes: %d, %v", len(th), err)
	}
	profile := filepath.Join(f.dir, "client.toml")
	os.WriteFile(profile, []byte("name = \"X\"\nprojects = [\"nosuch\"]\n"), 0o644)
	if _, err := LoadClient(cfg, profile, th); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("client naming an unknown project: %v", err)
	}
	os.WriteFile(profile, []byte("name = \"X\"\n[themes]\ngpu = 2\n"), 0o644)
	if c, err := LoadClient(cfg, profile, th); err != nil || c.Name != "X" {
		t.Errorf("good client: %+v, %v", c, err)
	}
	withFont := *cfg
	withFont.Brochure.FallbackFont = filepath.Join(f.dir, "font.ttf")
	if _, err := LoadFallbackFont(&withFont); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("missing fallback font: %v", err)
	}
	os.WriteFile(withFont.Brochure.FallbackFont, []byte("font"), 0o644)
	if b, err := LoadFallbackFont(&withFont); err != nil || string(b) != "font" {
		t.Errorf("fallback font: %q, %v", b, err)
	}
	if b, err := LoadFallbackFont(cfg); b != nil || err != nil {
		t.Errorf("no fallback font: %q, %v", b, err)
	}
	if _, err := SelectProjects(cfg, []string{"quasar", "nebula"}); err != nil {
		t.Error(err)
	}
}

func TestPickAndBrochure(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.crawl()
	setup, err := LoadRankSetup(f.app.Config, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	job, err := f.app.PrepareBrochures(ctx, setup, false)
	if err != nil {
		t.Fatal(err)
	}
	gpu := roadmap.Client{Name: "GPU Co", Interests: []string{"CUDA"}, Themes: map[string]float64{"gpu": 3}, ItemsPerProject: 2, MinScore: 0.2}
	plan, err := f.app.Pick(ctx, job, gpu)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Projects) != 1 || plan.Projects[0].Project.Slug != "quasar" || plan.Items() != 2 || plan.Projects[0].Logo == nil {
		t.Fatalf("plan: %+v", plan.Projects)
	}
	if len(plan.LeftOut) != 1 || plan.LeftOut[0].Project != "nebula" || !strings.Contains(plan.LeftOut[0].String(), "nebula: no item scores 0.20 or more") {
		t.Errorf("left out: %v", plan.LeftOut)
	}
	if !plan.CrawledAt.Equal(f.now) {
		t.Errorf("crawled at %v, want %v", plan.CrawledAt, f.now)
	}
	// Projects named by the profile are exempt from min_score, in its order;
	// one with no items says so.
	listed := gpu
	listed.Projects = []string{"nebula", "quiet", "quasar"}
	plan, err = f.app.Pick(ctx, job, listed)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Projects) != 2 || plan.Projects[0].Project.Slug != "nebula" || len(plan.LeftOut) != 1 || plan.LeftOut[0].Reason != "no current roadmap items" {
		t.Errorf("listed plan: %d projects, left out %v", len(plan.Projects), plan.LeftOut)
	}

	var pdf bytes.Buffer
	res, err := f.app.Brochure(ctx, BrochureRequest{Plan: plan, Generated: f.now, W: &pdf})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) || res.Pages < 1 || res.Items != plan.Items() || strings.Join(res.Projects, ",") != "nebula,quasar" {
		t.Errorf("brochure: %+v", res)
	}
	if !res.PlaceholderContact {
		t.Errorf("the built-in contact lines are not flagged")
	}
	withContact := plan
	withContact.Client.Contact = []string{"Jane, jane@lab.example"}
	path := filepath.Join(f.dir, "out.pdf")
	res, err = f.app.Brochure(ctx, BrochureRequest{Plan: withContact, Generated: f.now, Path: path})
	if err != nil || res.PlaceholderContact {
		t.Fatalf("brochure to a file: %+v, %v", res, err)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("no PDF at %s: %v", path, err)
	}

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.app.Brochure(canceled, BrochureRequest{Plan: plan, Path: path}); !roadmap.IsKind(err, roadmap.KindInterrupted) {
		t.Errorf("canceled brochure: %v", err)
	}
	badCopy := *f.app
	cfg := *f.app.Config
	cfg.Brochure.Templates = filepath.Join(f.dir, "copy")
	os.MkdirAll(cfg.Brochure.Templates, 0o755)
	os.WriteFile(filepath.Join(cfg.Brochure.Templates, "intro.tmpl"), []byte("{{.Nope"), 0o644)
	badCopy.Config = &cfg
	if _, err := badCopy.Brochure(ctx, BrochureRequest{Plan: plan, W: &bytes.Buffer{}}); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("broken copy template: %v", err)
	}
}

func TestPickNothingToShow(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	setup, _ := LoadRankSetup(f.app.Config, nil, "")
	job, err := f.app.PrepareBrochures(ctx, setup, false)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := f.app.Pick(ctx, job, roadmap.Client{Name: "Empty"})
	if !roadmap.IsKind(err, roadmap.KindNotFound) || !strings.Contains(err.Error(), "run 'roadmapper crawl'") || len(plan.Projects) != 0 {
		t.Errorf("pick from an empty database: %v", err)
	}
}

func TestPickLeavesOutStaleRoadmaps(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.crawl()
	// Three years on, Nebula's "March 2026" is stale.
	f.now = f.now.AddDate(3, 0, 0)
	setup, _ := LoadRankSetup(f.app.Config, nil, "")
	client := roadmap.Client{Name: "Any", Projects: []string{"nebula"}, ItemsPerProject: 3}
	for _, keep := range []bool{false, true} {
		job, err := f.app.PrepareBrochures(ctx, setup, keep)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := f.app.Pick(ctx, job, client)
		switch {
		case !keep && (err == nil || len(plan.LeftOut) != 1 || !strings.Contains(plan.LeftOut[0].Reason, "stale roadmap")):
			t.Errorf("stale nebula kept: %v, %v", plan.LeftOut, err)
		case !keep && !strings.Contains(err.Error(), "--include-stale"):
			t.Errorf("hint: %v", err)
		case keep && (err != nil || len(plan.Projects) != 1):
			t.Errorf("--include-stale: %d projects, %v", len(plan.Projects), err)
		}
	}
}

func TestAuditAndReport(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	res, err := f.app.Audit(ctx)
	if err != nil || !res.NoFinishedCrawl || len(res.Findings) != 4 {
		t.Errorf("audit of an empty database: %+v, %v", res, err)
	}
	if _, err := f.app.Report(ctx, 0); !roadmap.IsKind(err, roadmap.KindNotFound) || !strings.Contains(err.Error(), "no finished crawl") {
		t.Errorf("report of an empty database: %v", err)
	}
	f.crawl()
	f.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU and accelerator support", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator."},
		{"Documentation overhaul", "Rewrite the tutorials for newcomers and add worked examples from imaging and genomics."},
	}))
	f.now = f.now.Add(24 * time.Hour)
	f.crawl()
	res, err = f.app.Audit(ctx)
	if err != nil || res.NoFinishedCrawl {
		t.Fatalf("audit: %+v, %v", res, err)
	}
	status := map[string]string{}
	for _, x := range res.Findings {
		status[x.Project] = x.Status
	}
	if status["gone"] != audit.StatusUnreachable || status["quiet"] != audit.StatusNone {
		t.Errorf("audit statuses %v", status)
	}
	rep, err := f.app.Report(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Crawl.ID != 2 || rep.Previous == nil || rep.Previous.ID != 1 || rep.Totals.Renamed != 1 || rep.Totals.Removed != 1 {
		t.Errorf("report of crawl 2: crawl %d, previous %v, items %+v", rep.Crawl.ID, rep.Previous, rep.Totals)
	}
	first, err := f.app.Report(ctx, 1)
	if err != nil || first.Previous != nil {
		t.Errorf("report of the first crawl: %v, previous %v", err, first.Previous)
	}
	if _, err := f.app.Report(ctx, 99); !roadmap.IsKind(err, roadmap.KindNotFound) || err.Error() != "no crawl with ID 99" {
		t.Errorf("report of a missing crawl: %v", err)
	}
}

func TestDefaultsNeedNoClockOrLogger(t *testing.T) {
	var a App
	if a.now().IsZero() || a.now().Location() != time.UTC {
		t.Error("default clock")
	}
	a.log().Info("discarded")
	unlock, err := a.lockCrawl()
	if err != nil {
		t.Fatal(err)
	}
	unlock()
}

// TestReportChangedItemComparesWholeText checks that what the report says
// changed in an item compares its whole old and new text, not the new
// summary: a section whose summary is a cut of a long text gets one word
// changed near its end.
func TestReportChangedItemComparesWholeText(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	long := func(last string) string {
		var s []string
		for i := range 12 {
			s = append(s, fmt.Sprintf("Sentence %d of the documentation plan describes one more tutorial for newcomers.", i))
		}
		return strings.Join(s, " ") + " The last one covers " + last + "."
	}
	page := func(last string) string {
		return testutil.SphinxPage("Quasar roadmap", [][2]string{
			{"GPU acceleration", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator."},
			{"Documentation overhaul", long(last)},
		})
	}
	f.site.SetHTML("/quasar/roadmap.html", page("imaging"))
	f.crawl()
	f.site.SetHTML("/quasar/roadmap.html", page("genomics"))
	f.now = f.now.Add(24 * time.Hour)
	f.crawl()
	rep, err := f.app.Report(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got *report.ItemChange
	for _, pc := range rep.Changes {
		for _, c := range pc.Changed {
			if strings.HasSuffix(c.ID, "/documentation-overhaul") {
				got = c.Change
			}
		}
	}
	if got == nil || got.WordsAdded != 1 || got.WordsRemoved != 1 || got.Added != "genomics." || got.Removed != "imaging." {
		t.Errorf("change of the documentation item = %+v, want genomics for imaging", got)
	}
}
