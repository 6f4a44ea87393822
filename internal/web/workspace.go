package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// workspaceItems is how many ranked items the workspace lists unless all
// are asked for (curated items are always listed); leftOutListed is how
// many left-out projects.
const (
	workspaceItems = 40
	leftOutListed  = 30
)

type workspacePage struct {
	Client          app.ClientEntry
	Items           []wsItem
	Total           int
	All             bool
	Hidden          []store.CurationEntry
	CurationVersion int64
	LeftOut         []app.LeftOut
	PageImages      bool // the preview shows page images (pdftoppm is installed)
	MoreLeftOut     int
	Chosen          int
	PlanErr         string
	Problems        []string
	History         []store.CurationChange
}

type wsItem struct {
	rank.Scored
	Rank      int
	Anchor    string
	Chosen    bool
	Retitled  *store.CurationEntry
	Rewritten *store.CurationEntry
	PinReason string
}

// loadClient finds the stored client of the request and its curation.
func (s *Server) loadClient(r *http.Request) (app.ClientEntry, *curation.Curation, []store.CurationEntry, int64, error) {
	e, err := s.app.StoredClient(r.Context(), r.PathValue("slug"), s.themes)
	if err != nil {
		return e, nil, nil, 0, err
	}
	cur, entries, v, err := s.app.ClientCuration(r.Context(), e.Slug, s.baseCur)
	return e, cur, entries, v, err
}

func (s *Server) workspace(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, cur, entries, cv, err := s.loadClient(r)
	if err != nil {
		s.failKind(w, r, "client", err)
		return
	}
	all := r.URL.Query().Get("all") == "1"
	p := workspacePage{Client: e, CurationVersion: cv, All: all}
	if e.Err == nil {
		version, err := s.app.DataVersion(ctx)
		if err != nil {
			s.failKind(w, r, "client", err)
			return
		}
		// The page's ranking and plan are a pure function of the profile,
		// its curation and the crawled data: made once per version of each.
		key := fmt.Sprintf("%s %d %d %s %s %v", e.Slug, e.Version, cv, version, s.now().Truncate(time.Hour), all)
		var ok bool
		if p, ok = s.pages.get(key); !ok {
			if p, err = s.buildWorkspace(r, e, cur, entries, cv, all); err != nil {
				s.failKind(w, r, "client", err)
				return
			}
			s.pages.put(key, p)
		}
	}
	p.PageImages = s.pdftoppm != ""
	if p.History, err = s.app.CurationHistory(ctx, e.Slug, 10); err != nil {
		s.failKind(w, r, "curation history", err)
		return
	}
	s.render(w, r, "workspace", pageData{Title: e.Name, Section: "clients", Data: p}, 0)
}

// buildWorkspace ranks and picks for the client and lays out the page.
func (s *Server) buildWorkspace(r *http.Request, e app.ClientEntry, cur *curation.Curation, entries []store.CurationEntry, cv int64, all bool) (workspacePage, error) {
	p := workspacePage{Client: e, CurationVersion: cv, All: all}
	c := e.Client
	job, err := s.app.PrepareBrochures(r.Context(), app.RankSetup{Projects: c.Projects, Themes: s.themes, Curation: cur}, false)
	if err != nil {
		return p, err
	}
	plan, err := s.app.Pick(r.Context(), job, c)
	if err != nil && !roadmap.IsKind(err, roadmap.KindNotFound) {
		return p, err
	}
	if err != nil {
		p.PlanErr = err.Error()
	}
	ranked := plan.Ranked
	p.LeftOut = plan.LeftOut
	if !p.All && len(p.LeftOut) > leftOutListed {
		p.MoreLeftOut = len(p.LeftOut) - leftOutListed
		p.LeftOut = p.LeftOut[:leftOutListed]
	}
	chosen := map[string]bool{}
	for _, b := range plan.Projects {
		for _, it := range b.Items {
			chosen[it.ID] = true
		}
	}
	p.Chosen = len(chosen)
	for _, pr := range ranked.Problems {
		p.Problems = append(p.Problems, pr.String())
	}
	byItem := map[string]map[string]*store.CurationEntry{}
	for i, en := range entries {
		if byItem[en.ItemID] == nil {
			byItem[en.ItemID] = map[string]*store.CurationEntry{}
		}
		byItem[en.ItemID][en.Action] = &entries[i]
		if en.Action == curation.ActionHide {
			p.Hidden = append(p.Hidden, en)
		}
	}
	first := workspaceItems
	if p.All {
		first = -1
	}
	keep := map[string]bool{} // curated items are listed wherever they rank
	for id := range byItem {
		keep[id] = true
	}
	win, err := s.app.RankWindow(r.Context(), job, plan, first, keep)
	if err != nil {
		return p, err
	}
	p.Total = win.Total
	shown, ranks := win.Items, win.Ranks
	for k, sc := range shown {
		item := *sc.Item // the page keeps a copy, not the whole ranking's items
		item.Text = ""   // not shown; not kept in the page cache
		sc.Item = &item
		it := wsItem{Scored: sc, Rank: ranks[k], Anchor: anchor(sc.Item.ID), Chosen: chosen[sc.Item.ID]}
		if m := byItem[sc.Item.ID]; m != nil {
			it.Retitled, it.Rewritten = m[curation.ActionRetitle], m[curation.ActionRewrite]
			if pin := m[curation.ActionPin]; pin != nil {
				it.PinReason = pin.Reason
			}
		}
		p.Items = append(p.Items, it)
	}
	return p, nil
}

// anchor makes an item ID usable as a fragment: "numpy/array-api" → "item-numpy--array-api".
func anchor(id string) string { return "item-" + strings.ReplaceAll(id, "/", "--") }

// curate applies one pin, hide, retitle or rewrite (or withdraws it) and
// goes back to the item in the workspace.
func (s *Server) curate(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	expect, err := strconv.ParseInt(r.PostFormValue("cv"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form lacks the curation version it was made from; reload the page.")
		return
	}
	req := app.CurateRequest{
		ItemID: r.PostFormValue("item"), Action: r.PostFormValue("action"),
		Title: r.PostFormValue("title"), Summary: r.PostFormValue("summary"), Reason: r.PostFormValue("reason"),
		Remove: r.PostFormValue("remove") == "1",
	}
	_, err = s.app.Curate(r.Context(), slug, expect, req, visitorOf(r).Who())
	back := "/clients/" + url.PathEscape(slug) + "#" + anchor(req.ItemID)
	var ce *store.ConflictError
	switch {
	case errors.As(err, &ce):
		setFlash(w, "Not saved: "+ce.Error())
	case roadmap.IsKind(err, roadmap.KindInvalid):
		setFlash(w, fmt.Sprintf("Not saved (%s %s): %v", req.Action, req.ItemID, err))
	case err != nil:
		s.failKind(w, r, "curate", err)
		return
	case req.Remove:
		setFlash(w, fmt.Sprintf("Withdrew %s of %s.", req.Action, req.ItemID))
	default:
		setFlash(w, fmt.Sprintf("Saved: %s %s.", req.Action, req.ItemID))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

type explainPage struct {
	Client app.ClientEntry
	app.Explained
	Total float64
}

func (s *Server) explain(w http.ResponseWriter, r *http.Request) {
	e, cur, _, _, err := s.loadClient(r)
	if err == nil && e.Err != nil {
		err = e.Err
	}
	if err != nil {
		s.failKind(w, r, "client", err)
		return
	}
	c := e.Client
	ranked, err := s.app.Rank(r.Context(), app.RankSetup{Projects: c.Projects, Themes: s.themes, Curation: cur}, &c)
	if err != nil {
		s.failKind(w, r, "rank", err)
		return
	}
	x, err := s.app.Explain(r.Context(), ranked, r.URL.Query().Get("id"))
	if err != nil {
		s.failKind(w, r, "explain", err)
		return
	}
	p := explainPage{Client: e, Explained: x}
	for _, rs := range x.Item.Reasons {
		p.Total += rs.Value
	}
	s.render(w, r, "explain", pageData{Title: "Why " + x.Item.Item.Title, Section: "clients", Data: p}, 0)
}

// makeBrochure renders the client's brochure from the database as it is.
func (s *Server) makeBrochure(r *http.Request) (app.ClientEntry, []byte, app.BrochureResult, error) {
	ctx := r.Context()
	e, cur, _, _, err := s.loadClient(r)
	if err == nil && e.Err != nil {
		err = e.Err
	}
	if err != nil {
		return e, nil, app.BrochureResult{}, err
	}
	c := e.Client
	job, err := s.app.PrepareBrochures(ctx, app.RankSetup{Projects: c.Projects, Themes: s.themes, Curation: cur}, false)
	if err != nil {
		return e, nil, app.BrochureResult{}, err
	}
	plan, err := s.app.Pick(ctx, job, c)
	if err != nil {
		return e, nil, app.BrochureResult{}, err
	}
	var buf bytes.Buffer
	res, err := s.app.Brochure(ctx, app.BrochureRequest{Plan: plan, Generated: s.now(), FallbackFont: s.fallback, W: &buf})
	return e, buf.Bytes(), res, err
}

// brochurePDF sends the client's brochure inline (for the preview) or as a
// download.
func (s *Server) brochurePDF(w http.ResponseWriter, r *http.Request) {
	e, pdf, _, err := s.makeBrochure(r)
	if err != nil {
		s.failKind(w, r, "brochure", err)
		return
	}
	disp := "attachment"
	if r.URL.Query().Get("inline") == "1" {
		disp = "inline"
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", disp, e.Slug+".pdf"))
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(pdf)
}
