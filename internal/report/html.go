package report

import (
	"github.com/roadmapper/roadmapper/assets"
	"github.com/roadmapper/roadmapper/internal/audit"

	_ "embed"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate renders a Report as a standalone page: inline stylesheet, no
// scripts, a Content-Security-Policy that forbids everything else, crawled
// text escaped by html/template and links only to http(s) URLs.
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"httpURL": func(u string) bool { return plaintext.SafeURL(u) != "" },
	// surveyChart is drawn by audit.SurveyChartSVG, which escapes every text it holds.
	"surveyChart": func(s *audit.Survey) template.HTML { return template.HTML(audit.SurveyChartSVG(*s)) },
	"stylesheet":  func() template.CSS { return template.CSS(assets.ReportCSS) },
	"formatTime": func(v any) string {
		switch t := v.(type) {
		case time.Time:
			return formatTime(t)
		case *time.Time:
			if t != nil {
				return formatTime(*t)
			}
		}
		return ""
	},
	"renameWhy":     renameWhy,
	"changeSummary": changeSummary,
	"join":          strings.Join,
	"statusLabel":   statusLabel,
	"refs": func(label string, refs []ItemRef) map[string]any {
		return map[string]any{"Label": label, "Refs": refs}
	},
}).Parse(htmlSource))

func writeHTML(w io.Writer, r Report) error {
	return htmlTemplate.Execute(w, r)
}

// statusLabel says a crawl outcome in words.
func statusLabel(status string) string {
	switch status {
	case roadmap.StatusNotModified:
		return "not modified"
	case roadmap.StatusNoSource:
		return "nothing to fetch"
	case "":
		return "unknown"
	}
	return status
}
