package output

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/roadmapper/roadmapper/internal/audit"
)

// Survey prints the survey as "table" (text lines), "md", "json" or
// "html" (a small standalone page with the chart drawn as SVG).
func Survey(w io.Writer, s audit.Survey, format string) error {
	var err error
	switch format {
	case "table", "":
		_, err = io.WriteString(w, strings.Join(s.Lines(), "\n")+"\n")
	case "md", "markdown":
		err = surveyMarkdown(w, s)
	case "json":
		err = JSON(w, s)
	case "html":
		err = surveyHTML(w, s)
	default:
		return fmt.Errorf("write survey: unknown format %q (want table, md, json or html)", format)
	}
	if err != nil {
		return fmt.Errorf("write survey %s: %w", format, err)
	}
	return nil
}

func surveyMarkdown(w io.Writer, s audit.Survey) error {
	var b strings.Builder
	b.WriteString("# Roadmap survey\n\n")
	lines := s.Lines()
	b.WriteString(lines[0] + "\n")
	for _, l := range lines[1:] {
		t := strings.TrimSpace(l)
		if t == "trend:" {
			b.WriteString("\nTrend:\n\n")
			continue
		}
		b.WriteString("- " + t + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func surveyHTML(w io.Writer, s audit.Survey) error {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Roadmap survey</title></head><body>\n<h1>Roadmap survey</h1>\n")
	lines := s.Lines()
	fmt.Fprintf(&b, "<p>%s</p>\n<ul>\n", html.EscapeString(lines[0]))
	for _, l := range lines[1:] {
		if t := strings.TrimSpace(l); t != "trend:" {
			fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(t))
		}
	}
	b.WriteString("</ul>\n")
	b.WriteString(audit.SurveyChartSVG(s))
	b.WriteString("\n</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
