package app

import (
	"context"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/brochure"
	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// BrochureRequest is a plan to draw and where the PDF goes.
type BrochureRequest struct {
	Plan      Plan
	Generated time.Time // the date printed on the brochure
	// FallbackFont draws characters the Go fonts lack (LoadFallbackFont).
	FallbackFont []byte
	// W receives the PDF when set; otherwise it is written to Path through
	// a temporary file and a rename.
	W    io.Writer
	Path string
}

// BrochureResult says what was drawn.
type BrochureResult struct {
	Pages    int
	Items    int
	Projects []string // slugs, sorted
	// PlaceholderContact is set when the footer carries the built-in
	// placeholder contact lines: the brochure must not reach a client so.
	PlaceholderContact bool
	// PlaceholderCopy names the other copy templates still taken from the
	// built-in defaults (organisation.tmpl, intro.tmpl, closing.tmpl).
	PlaceholderCopy []string
	// Warnings are the renderer's (characters no font has, …).
	Warnings []string
}

// Brochure renders a plan into a PDF. Copy templates that do not load are
// KindInvalid. The result is filled as far as the work got, so its
// PlaceholderContact holds even when rendering fails.
func (a *App) Brochure(ctx context.Context, req BrochureRequest) (BrochureResult, error) {
	plan := req.Plan
	var res BrochureResult
	if err := ctx.Err(); err != nil {
		return res, roadmap.WithKind(roadmap.KindInterrupted, err)
	}
	copyText, err := brochure.LoadCopy(a.Config.Brochure.Templates, brochure.CopyData{Client: plan.Client, Projects: plan.Projects, Date: req.Generated})
	if err != nil {
		return res, roadmap.WithKind(roadmap.KindInvalid, err)
	}
	res.PlaceholderContact = len(plan.Client.Contact) == 0 && strings.Contains(strings.Join(copyText.Contact, " "), "example.org")
	for _, name := range copyText.Placeholders {
		if name != "contact.tmpl" {
			res.PlaceholderCopy = append(res.PlaceholderCopy, name)
		}
	}
	in := brochure.Input{
		Client:       plan.Client,
		Projects:     plan.Projects,
		Copy:         copyText,
		Generated:    req.Generated,
		CrawledAt:    plan.CrawledAt,
		FallbackFont: req.FallbackFont,
	}
	var out brochure.Result
	if req.W != nil {
		out, err = brochure.Render(req.W, in)
	} else {
		out, err = brochure.WriteFile(req.Path, in)
	}
	if err != nil {
		return res, err
	}
	a.keepResampled(ctx, out.Resampled)
	res.Pages, res.Warnings, res.Items = out.Pages, out.Warnings, plan.Items()
	for _, b := range plan.Projects {
		res.Projects = append(res.Projects, b.Project.Slug)
	}
	sort.Strings(res.Projects)
	return res, nil
}

// LoadFallbackFont reads [brochure].fallback_font (nil when unset); a file
// that cannot be read is KindInvalid.
func LoadFallbackFont(cfg *config.Config) ([]byte, error) {
	path := cfg.Brochure.FallbackFont
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, roadmap.Errorf(roadmap.KindInvalid, "[brochure].fallback_font: %w", err)
	}
	return data, nil
}
