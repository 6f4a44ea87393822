package web

import (
	"net/http"
	"strconv"

	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// historyLimit bounds the crawls and item changes a project page lists.
const historyLimit = 20

type projectPage struct {
	app.ProjectView
	Facts *roadmap.RepoFacts
}

func (s *Server) project(w http.ResponseWriter, r *http.Request) {
	v, err := s.app.ProjectView(r.Context(), r.PathValue("slug"), historyLimit)
	if err != nil {
		s.failKind(w, r, "project", err)
		return
	}
	p := projectPage{ProjectView: v}
	if v.Snapshot != nil && v.Snapshot.GitHub != nil {
		p.Facts = v.Snapshot.GitHub.Repo
	}
	s.render(w, r, "project", pageData{Title: v.Project.Name, Section: "overview", Data: p}, 0)
}

// logo serves a project's stored logo (PNG or JPEG, prepared at crawl time).
func (s *Server) logo(w http.ResponseWriter, r *http.Request) {
	l, err := s.app.Logo(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.failKind(w, r, "logo", err)
		return
	}
	ct := "image/png"
	if l.Format == "jpeg" {
		ct = "image/jpeg"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(l.Data)))
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Write(l.Data)
}
