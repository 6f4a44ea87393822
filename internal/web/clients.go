package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

type clientsPage struct {
	Clients []app.ClientEntry
}

func (s *Server) clientList(w http.ResponseWriter, r *http.Request) {
	list, err := s.app.Clients(r.Context(), s.themes)
	if err != nil {
		s.failKind(w, r, "list clients", err)
		return
	}
	s.render(w, r, "clients", pageData{Title: "Clients", Section: "clients", Data: clientsPage{Clients: list}}, 0)
}

// clientForm is the profile form: its fields as typed, the choices, and
// the errors next to each field (by field name).
type clientForm struct {
	Slug    string // "" for a new client
	Version int64
	Name    string
	Contact, Interests,
	Projects, Prefer string // one per line, or comma-separated slugs
	Exclude         []string
	ItemsPerProject string
	MinScore        string
	Layout          string
	PageSize        string
	Weights         map[string]int
	Themes          []rank.Theme
	Errors          map[string]string
	Error           string // not tied to one field (a conflict)
	History         []store.ClientVersion
}

// Err is the error of a field, for the template.
func (f clientForm) Err(field string) string { return f.Errors[field] }

// fieldError is one error of the form, for the summary at its top.
type fieldError struct{ Field, Label, Msg string }

// formLabels names the form's fields by profile key.
var formLabels = map[string]string{
	"name": "Name", "contact": "Contact lines", "interests": "Interests", "projects": "Projects",
	"prefer_projects": "Preferred projects", "exclude_themes": "Excluded themes",
	"items_per_project": "Items per project", "min_score": "Minimum score", "layout": "Layout", "page_size": "Page size",
}

// ErrorList lists the errors in the order of the form, each with the id
// of its control.
func (f clientForm) ErrorList() []fieldError {
	var out []fieldError
	for _, k := range []string{"name", "contact", "interests"} {
		if m := f.Errors[k]; m != "" {
			out = append(out, fieldError{k, formLabels[k], m})
		}
	}
	for _, t := range f.Themes {
		if m := f.Errors["themes."+t.Slug]; m != "" {
			out = append(out, fieldError{"theme-" + t.Slug, "Theme weight: " + t.Name, m})
		}
	}
	for _, k := range []string{"exclude_themes", "projects", "prefer_projects", "items_per_project", "min_score", "layout", "page_size"} {
		if m := f.Errors[k]; m != "" {
			out = append(out, fieldError{k, formLabels[k], m})
		}
	}
	return out
}

// Weight is a theme's weight as a string, for the select.
func (f clientForm) Weight(theme string) int { return f.Weights[theme] }

func (s *Server) newForm() clientForm {
	return clientForm{Themes: s.themes, Weights: map[string]int{}, Errors: map[string]string{}, Layout: roadmap.LayoutPairs, PageSize: roadmap.PageLetter}
}

func (s *Server) clientNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "client_form", pageData{Title: "New client", Section: "clients", Data: s.newForm()}, 0)
}

func (s *Server) clientEdit(w http.ResponseWriter, r *http.Request) {
	e, err := s.app.StoredClient(r.Context(), r.PathValue("slug"), s.themes)
	if err != nil {
		s.failKind(w, r, "client", err)
		return
	}
	f := s.newForm()
	f.Slug, f.Version = e.Slug, e.Version
	cf, err := config.ReadClientFile([]byte(e.Profile))
	if err != nil {
		f.Error = err.Error()
	}
	f.fill(cf)
	if e.Err != nil {
		f.Error = e.Err.Error()
	}
	if f.History, err = s.app.ClientHistory(r.Context(), e.Slug); err != nil {
		s.failKind(w, r, "client history", err)
		return
	}
	s.render(w, r, "client_form", pageData{Title: "Edit " + e.Name, Section: "clients", Data: f}, 0)
}

// fill sets the form from a profile as written.
func (f *clientForm) fill(c config.ClientFile) {
	f.Name = c.Name
	f.Contact = strings.Join(c.Contact, "\n")
	f.Interests = strings.Join(c.Interests, "\n")
	f.Projects = strings.Join(c.Projects, ", ")
	f.Prefer = strings.Join(c.PreferProjects, ", ")
	f.Exclude = c.ExcludeThemes
	if c.ItemsPerProject != 0 {
		f.ItemsPerProject = strconv.Itoa(c.ItemsPerProject)
	}
	if c.MinScore != nil {
		f.MinScore = strconv.FormatFloat(*c.MinScore, 'f', -1, 64)
	}
	if c.Layout != "" {
		f.Layout = c.Layout
	}
	if c.PageSize != "" {
		f.PageSize = c.PageSize
	}
	for k, v := range c.Themes {
		f.Weights[k] = int(v)
	}
}

// readForm reads the posted form into f and the profile it describes;
// fields that are not even numbers get their error here, the rest are
// checked by the rules of the TOML profiles (app.SaveClient).
func (s *Server) readForm(r *http.Request) (clientForm, config.ClientFile) {
	f := s.newForm()
	f.Name = strings.TrimSpace(r.PostFormValue("name"))
	f.Contact = r.PostFormValue("contact")
	f.Interests = r.PostFormValue("interests")
	f.Projects = r.PostFormValue("projects")
	f.Prefer = r.PostFormValue("prefer_projects")
	f.Exclude = r.PostForm["exclude_themes"]
	f.ItemsPerProject = strings.TrimSpace(r.PostFormValue("items_per_project"))
	f.MinScore = strings.TrimSpace(r.PostFormValue("min_score"))
	f.Layout = r.PostFormValue("layout")
	f.PageSize = r.PostFormValue("page_size")
	f.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	c := config.ClientFile{
		Name: f.Name, Contact: lines(f.Contact), Interests: lines(f.Interests),
		Projects: slugs(f.Projects), PreferProjects: slugs(f.Prefer), ExcludeThemes: f.Exclude,
		Layout: f.Layout, PageSize: f.PageSize,
	}
	if f.ItemsPerProject != "" {
		n, err := strconv.Atoi(f.ItemsPerProject)
		if err != nil {
			f.Errors["items_per_project"] = fmt.Sprintf("%q is not a whole number: type 1 to 10", f.ItemsPerProject)
		}
		c.ItemsPerProject = n
	}
	if f.MinScore != "" {
		v, err := strconv.ParseFloat(f.MinScore, 64)
		if err != nil {
			f.Errors["min_score"] = fmt.Sprintf("%q is not a number: type a score between 0 and 1, or leave it empty for the default", f.MinScore)
		}
		c.MinScore = &v
	}
	for _, t := range s.themes {
		v := r.PostFormValue("theme-" + t.Slug)
		if v == "" || v == "0" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			f.Errors["themes."+t.Slug] = fmt.Sprintf("%q is not a weight: pick 0 to 3", v)
			continue
		}
		f.Weights[t.Slug] = n
		if c.Themes == nil {
			c.Themes = map[string]float64{}
		}
		c.Themes[t.Slug] = float64(n)
	}
	return f, c
}

// lines splits a textarea into its non-empty lines, trimmed.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// slugs splits project slugs typed with commas, spaces or newlines.
func slugs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}

func (s *Server) clientCreate(w http.ResponseWriter, r *http.Request) { s.saveClient(w, r, "") }

func (s *Server) clientUpdate(w http.ResponseWriter, r *http.Request) {
	s.saveClient(w, r, r.PathValue("slug"))
}

func (s *Server) saveClient(w http.ResponseWriter, r *http.Request, slug string) {
	f, c := s.readForm(r)
	f.Slug = slug
	title := "New client"
	if slug != "" {
		title = "Edit " + f.Name
	}
	again := func(code int) {
		if slug != "" {
			f.History, _ = s.app.ClientHistory(r.Context(), slug)
		}
		s.render(w, r, "client_form", pageData{Title: title, Section: "clients", Data: f}, code)
	}
	if len(f.Errors) > 0 {
		again(http.StatusUnprocessableEntity)
		return
	}
	saved, err := s.app.SaveClient(r.Context(), slug, f.Version, c, s.themes, visitorOf(r).Who())
	var fe *app.ClientFieldError
	var ce *store.ConflictError
	switch {
	case errors.As(err, &fe):
		key := fe.Key
		if key == "" {
			f.Error = fe.Error()
		} else {
			f.Errors[key] = fe.Error()
		}
		again(http.StatusUnprocessableEntity)
		return
	case errors.As(err, &ce):
		if ce.Exists {
			f.Errors["name"] = ce.Error()
		} else {
			f.Error = ce.Error()
		}
		again(http.StatusConflict)
		return
	case err != nil:
		s.failKind(w, r, "save client", err)
		return
	}
	setFlash(w, fmt.Sprintf("Saved %s (version %d).", saved.Name, saved.Version))
	http.Redirect(w, r, "/clients/"+saved.Slug, http.StatusSeeOther)
}
