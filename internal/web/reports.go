package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"

	"github.com/roadmapper/roadmapper/assets"
	"github.com/roadmapper/roadmapper/internal/report"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// reportsListed is how many crawls the reports page lists.
const reportsListed = 100

// reportCSP lets the standalone report page use its own inline stylesheet
// (by hash) and nothing else: no scripts, no requests.
var reportCSP = func() string {
	h := sha256.Sum256([]byte(assets.ReportCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
}()

type reportsPage struct {
	Crawls []roadmap.Crawl
}

func (s *Server) reports(w http.ResponseWriter, r *http.Request) {
	crawls, err := s.app.Crawls(r.Context(), reportsListed)
	if err != nil {
		s.failKind(w, r, "list crawls", err)
		return
	}
	s.render(w, r, "reports", pageData{Title: "Reports", Section: "reports", Data: reportsPage{Crawls: crawls}}, 0)
}

func (s *Server) reportID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, http.StatusNotFound, "No crawl "+r.PathValue("id")+".")
		return 0, false
	}
	return id, true
}

type reportPage struct {
	ID int64
	report.Report
}

// reportPage shows one crawl's report inside the site's layout; the report
// itself is the standalone HTML report, framed.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	id, ok := s.reportID(w, r)
	if !ok {
		return
	}
	rep, err := s.app.Report(r.Context(), id)
	if err != nil {
		s.failKind(w, r, "report", err)
		return
	}
	s.render(w, r, "report", pageData{Title: "Crawl " + strconv.FormatInt(id, 10), Section: "reports", Data: reportPage{ID: id, Report: rep}}, 0)
}

// reportHTML serves the report exactly as 'roadmapper report --format html'
// writes it.
func (s *Server) reportHTML(w http.ResponseWriter, r *http.Request) {
	id, ok := s.reportID(w, r)
	if !ok {
		return
	}
	rep, err := s.app.Report(r.Context(), id)
	if err != nil {
		s.failKind(w, r, "report", err)
		return
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, rep, "html"); err != nil {
		s.failKind(w, r, "report", err)
		return
	}
	w.Header().Set("Content-Security-Policy", reportCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}
