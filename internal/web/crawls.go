package web

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// crawlRunner runs at most one crawl at a time in the background and keeps
// its progress for the crawl page. The file lock of app.Crawl also keeps it
// apart from a crawl started on the command line.
type crawlRunner struct {
	app *app.App
	now func() time.Time

	mu   sync.Mutex
	job  *crawlJob // the running or last crawl; nil before the first
	wg   sync.WaitGroup
	stop chan struct{} // closed by drain: start no new project
}

// crawlJob is one crawl started from the web app.
type crawlJob struct {
	By       string
	Started  time.Time
	Finished time.Time
	Total    int
	Running  bool
	CrawlID  int64
	Err      string
	Projects []crawlLine
}

type crawlLine struct {
	Project string `json:"project"`
	Status  string `json:"status"`
	Error   string `json:"error,omitempty"`
}

// crawlStatus is the JSON the crawl page polls.
type crawlStatus struct {
	Running   bool        `json:"running"`
	Done      int         `json:"done"`
	Total     int         `json:"total"`
	Message   string      `json:"message"`
	CrawlID   int64       `json:"crawl_id,omitempty"`
	Error     string      `json:"error,omitempty"`
	ReportURL string      `json:"report_url,omitempty"`
	Projects  []crawlLine `json:"projects"`
}

func newCrawlRunner(a *app.App, now func() time.Time) *crawlRunner {
	return &crawlRunner{app: a, now: now, stop: make(chan struct{})}
}

// start begins a crawl of every configured project by who; it refuses when
// one is already running here (the app's lock refuses one running elsewhere).
func (c *crawlRunner) start(who string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-c.stop:
		return roadmap.Errorf(roadmap.KindBusy, "the server is shutting down")
	default:
	}
	if c.job != nil && c.job.Running {
		return roadmap.Errorf(roadmap.KindBusy, "a crawl started by %s at %s is still running", c.job.By, c.job.Started.Format("15:04:05 UTC"))
	}
	projects := c.app.Config.Projects
	job := &crawlJob{By: who, Started: c.now(), Total: len(projects), Running: true}
	c.job = job
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		res, err := c.app.Crawl(context.Background(), app.CrawlRequest{
			Projects: projects,
			Stop:     c.stop,
			Progress: func(p app.CrawlProgress) {
				c.mu.Lock()
				defer c.mu.Unlock()
				job.Projects = append(job.Projects, crawlLine{Project: p.Outcome.Project, Status: p.Outcome.Status, Error: p.Outcome.Err})
			},
		})
		c.mu.Lock()
		defer c.mu.Unlock()
		job.Running = false
		job.Finished = c.now()
		job.CrawlID = res.ID
		if err == nil {
			err = res.Err()
		}
		if err != nil {
			job.Err = err.Error()
		}
	}()
	return nil
}

// status reports the running or last crawl.
func (c *crawlRunner) status() crawlStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	j := c.job
	if j == nil {
		return crawlStatus{Message: "No crawl has been started from this server yet.", Projects: []crawlLine{}}
	}
	s := crawlStatus{Running: j.Running, Done: len(j.Projects), Total: j.Total, CrawlID: j.CrawlID, Error: j.Err,
		Projects: append([]crawlLine{}, j.Projects...)}
	switch {
	case j.Running:
		s.Message = fmt.Sprintf("Crawling: %d of %d projects done (started by %s at %s).", s.Done, s.Total, j.By, j.Started.Format("15:04:05 UTC"))
	case j.Err != "":
		s.Message = fmt.Sprintf("Crawl finished at %s with a problem: %s", j.Finished.Format("15:04:05 UTC"), j.Err)
	default:
		s.Message = fmt.Sprintf("Crawl %d finished at %s: %d projects in %s.", j.CrawlID, j.Finished.Format("15:04:05 UTC"), s.Done, j.Finished.Sub(j.Started).Round(time.Second))
	}
	if !j.Running && j.CrawlID > 0 {
		s.ReportURL = fmt.Sprintf("/reports/%d", j.CrawlID)
	}
	return s
}

// drain asks a running crawl to start no new project and waits (until ctx
// ends) for the projects it has started to be saved.
func (c *crawlRunner) drain(ctx context.Context) error {
	c.mu.Lock()
	select {
	case <-c.stop:
	default:
		close(c.stop)
	}
	c.mu.Unlock()
	done := make(chan struct{})
	go func() { c.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("crawl still running: %w", ctx.Err())
	}
}

func (s *Server) crawlPage(w http.ResponseWriter, r *http.Request) {
	st := s.crawls.status()
	s.render(w, r, "crawl", pageData{Title: "Crawl", Section: "crawl", Data: st}, 0)
}

func (s *Server) crawlStatusJSON(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, s.crawls.status())
}

func (s *Server) crawlStart(w http.ResponseWriter, r *http.Request) {
	if err := s.crawls.start(visitorOf(r).Who()); err != nil {
		s.fail(w, r, http.StatusConflict, err.Error())
		return
	}
	http.Redirect(w, r, "/crawl", http.StatusSeeOther)
}
