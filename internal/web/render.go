package web

import (
	"github.com/roadmapper/roadmapper/internal/roadmap"

	"bytes"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// pageData is what every page template sees: the page's own data in Data,
// plus the visitor, the current section (for the navigation) and a flash
// message.
type pageData struct {
	Title   string
	Section string
	Visitor visitor
	Flash   string
	Data    any
}

var funcs = template.FuncMap{
	// sourceLabel names an item of a source kind for readers ("GitHub
	// issue"); "" for document sections (roadmap.SourceKinds).
	"sourceLabel": func(source string) string { return roadmap.SourceOf(source).Label },
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return t.UTC().Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"pct":   func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"score": func(f float64) string { return fmt.Sprintf("%.2f", f) },
	"signed": func(f float64) string {
		return fmt.Sprintf("%+.3f", f)
	},
	// safeURL keeps only http(s) links from crawled data; anything else
	// becomes "#" so it never runs.
	"safeURL": func(u string) string {
		l := strings.ToLower(strings.TrimSpace(u))
		if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
			return u
		}
		return "#"
	},
	"join": strings.Join,
	"has": func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	},
	"add":    func(a, b int) int { return a + b },
	"anchor": anchor,
	// words shows a status such as not_modified as "not modified".
	"words": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
}

// loadTemplates parses layout.html with each page template.
func loadTemplates() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", n, err)
		}
		out[name] = t
	}
	return out, nil
}

// render writes page name with data; code 0 means 200. The page is built
// in memory first, so a template error is a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data pageData, code int) {
	t, ok := s.tmpl[name]
	if !ok {
		http.Error(w, "no template "+name, http.StatusInternalServerError)
		return
	}
	data.Visitor = visitorOf(r)
	if data.Flash == "" {
		data.Flash = takeFlash(w, r)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "could not render the page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if code == 0 {
		code = http.StatusOK
	}
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// staticHandler serves the embedded CSS, script and icons.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err)
	}
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

const flashCookie = "roadmapper_flash"

// setFlash leaves a one-time message for the next page this browser
// renders (after a redirect).
func setFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString([]byte(msg)), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: 60})
}

// takeFlash reads and clears the flash message.
func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || len(b) > 600 {
		return ""
	}
	return string(b)
}
