package brochure

import (
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// LogoVersion names the way prepareLogo makes a logo ready (and resample
// makes a variant of it at another width). Change it whenever prepareLogo's
// or resample's output changes: renditions and variants stored by older
// versions then stop being used, and the brochure makes them afresh.
const LogoVersion = "trim-white-png1"

// ReadyLogo prepares a logo's bytes as the brochure embeds them, for the
// crawl to store beside the logo (see roadmap.LogoRendition).
func ReadyLogo(data []byte) (roadmap.LogoRendition, error) {
	p, err := prepareLogo(data)
	if err != nil {
		return roadmap.LogoRendition{}, err
	}
	return roadmap.LogoRendition{Version: LogoVersion, Type: p.typ, Width: int(p.w), Height: int(p.h), Data: p.data}, nil
}

// seedLogos puts the renditions stored with projects' logos into the logo
// cache, so neither warmLogos nor registerLogo decodes those logos again.
// A rendition of another version, or of an unexpected type, is ignored.
// keys are the logos' content hashes (see logoKeys).
func seedLogos(projects []Project, keys []logoKey) {
	for i, p := range projects {
		l := p.Logo
		if !keys[i].ok || l.Ready == nil {
			continue
		}
		rd := l.Ready
		if rd.Version != LogoVersion || (rd.Type != "PNG" && rd.Type != "JPG") || rd.Width <= 0 || rd.Height <= 0 || len(rd.Data) == 0 {
			continue
		}
		logoCache.Lock()
		_, ok := logoCache.m[keys[i].key]
		logoCache.Unlock()
		if !ok {
			cacheLogo(keys[i].key, prepared{data: rd.Data, typ: rd.Type, w: float64(rd.Width), h: float64(rd.Height)})
		}
	}
}
