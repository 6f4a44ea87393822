package web

import (
	"bytes"
	"html/template"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/audit"
)

// auditColumns are the sortable columns of the audit table.
var auditColumns = []string{"project", "status", "updated", "items", "words", "issues"}

type overviewPage struct {
	Survey    string
	Chart     template.HTML // drawn by audit.SurveySVG: no crawled text in it
	NoCrawl   bool
	Rows      []audit.Finding
	Total     int
	Status    string // filter; "" for all
	Sort, Dir string
	Filters   []filterLink
	Columns   []columnLink
	Table     template.HTML // the rows, rendered once per data version and query
}

type filterLink struct {
	Status, Label, URL string
	Count              int
	Current            bool
}

type columnLink struct {
	Key, Label, URL, Sort string // Sort: "", "ascending" or "descending"
	Num                   bool
	Narrow                bool // hidden on narrow screens
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	res, err := s.app.Audit(r.Context())
	if err != nil {
		s.failKind(w, r, "audit", err)
		return
	}
	q := r.URL.Query()
	p := overviewPage{
		Survey:  audit.Summary(res.Findings),
		Chart:   template.HTML(audit.SurveySVG(res.Findings)),
		NoCrawl: res.NoFinishedCrawl,
		Total:   len(res.Findings),
		Status:  q.Get("status"),
		Sort:    q.Get("sort"),
		Dir:     q.Get("dir"),
	}
	if !slices.Contains(audit.Statuses, p.Status) {
		p.Status = ""
	}
	if !slices.Contains(auditColumns, p.Sort) {
		p.Sort = "project"
	}
	if p.Dir != "desc" {
		p.Dir = ""
	}
	link := func(status, sort, dir string) string {
		v := []string{}
		if status != "" {
			v = append(v, "status="+status)
		}
		if sort != "" && sort != "project" {
			v = append(v, "sort="+sort)
		}
		if dir != "" {
			v = append(v, "dir="+dir)
		}
		if len(v) == 0 {
			return "/"
		}
		return "/?" + strings.Join(v, "&")
	}
	p.Filters = append(p.Filters, filterLink{Label: "all", Count: len(res.Findings), URL: link("", p.Sort, p.Dir), Current: p.Status == ""})
	for _, c := range audit.Counts(res.Findings) {
		p.Filters = append(p.Filters, filterLink{Status: c.Status, Label: c.Status, Count: c.Count, URL: link(c.Status, p.Sort, p.Dir), Current: p.Status == c.Status})
	}
	labels := map[string]string{"project": "Project", "status": "Status", "updated": "Updated", "items": "Items", "words": "Words", "issues": "Issues"}
	for _, c := range auditColumns {
		col := columnLink{Key: c, Label: labels[c], Num: c == "items" || c == "words" || c == "issues"}
		dir := ""
		if c == p.Sort {
			col.Sort = "ascending"
			if p.Dir == "desc" {
				col.Sort = "descending"
			} else {
				dir = "desc"
			}
		}
		col.URL = link(p.Status, c, dir)
		p.Columns = append(p.Columns, col)
	}
	for _, f := range res.Findings {
		if p.Status == "" || f.Status == p.Status {
			p.Rows = append(p.Rows, f)
		}
	}
	version, err := s.app.DataVersion(r.Context())
	if err != nil {
		s.failKind(w, r, "audit", err)
		return
	}
	key := version + " " + s.now().Truncate(time.Hour).String() + " " + p.Status + " " + p.Sort + " " + p.Dir
	if t, ok := s.tables.get(key); ok {
		p.Table = t
	} else {
		sortFindings(p.Rows, p.Sort, p.Dir == "desc")
		var buf bytes.Buffer
		if err := s.tmpl["overview"].ExecuteTemplate(&buf, "audit-rows", p.Rows); err != nil {
			s.failErr(w, r, "render the audit", err)
			return
		}
		p.Table = template.HTML(buf.String())
		s.tables.put(key, p.Table)
	}
	s.render(w, r, "overview", pageData{Title: "Overview", Section: "overview", Data: p}, 0)
}

// sortFindings orders the audit rows by column key, ties by project.
func sortFindings(rows []audit.Finding, key string, desc bool) {
	rank := map[string]int{}
	for i, st := range audit.Statuses {
		rank[st] = i
	}
	less := func(a, b audit.Finding) int {
		switch key {
		case "status":
			return rank[a.Status] - rank[b.Status]
		case "updated":
			return strings.Compare(deref(a.LastUpdated), deref(b.LastUpdated))
		case "items":
			return a.Items - b.Items
		case "words":
			return a.Words - b.Words
		case "issues":
			return a.Issues - b.Issues
		}
		return 0
	}
	sort.SliceStable(rows, func(i, j int) bool {
		c := less(rows[i], rows[j])
		if desc {
			c = -c
		}
		if c == 0 {
			return rows[i].Project < rows[j].Project
		}
		return c < 0
	})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
