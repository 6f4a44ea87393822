package app

import (
	"context"

	"github.com/roadmapper/roadmapper/brochure"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// keepResampled stores the logo variants a brochure made (logos drawn at
// another width because a logo of their width came first), so the next
// brochure of those logos embeds them as they are instead of resampling
// them again. It is a cache: when the database cannot take them (opened
// read-only, say) the next brochure does the work again and draws the
// same PDF, so a failure is not reported.
func (a *App) keepResampled(ctx context.Context, rs []brochure.Resampled) {
	if len(rs) == 0 {
		return
	}
	byProject := map[string][]roadmap.LogoVariant{}
	for _, r := range rs {
		byProject[r.Project] = append(byProject[r.Project], r.Variant)
	}
	_ = a.Store.SaveLogoVariants(ctx, byProject)
}
