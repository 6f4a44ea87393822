package brochure

import (
	"crypto/sha256"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// logoKey is a logo's content hash, the key of the logo caches; ok is
// false for a project without logo data, or with more than registerLogo
// accepts.
type logoKey struct {
	key [32]byte
	ok  bool
}

// logoKeys hashes the projects' logos once for every step that looks them
// up.
func logoKeys(projects []Project) []logoKey {
	keys := make([]logoKey, len(projects))
	inParallel(len(projects), func(i int) {
		if l := projects[i].Logo; l != nil && len(l.Data) > 0 && len(l.Data) <= maxLogoBytes {
			keys[i] = logoKey{sha256.Sum256(l.Data), true}
		}
	})
	return keys
}

// logoWarmup makes the logos of a brochure ready in the background while
// the fonts are registered and the text is prepared: stored renditions
// into the cache, the others prepared, and those registerLogo will give
// another width resampled (all in parallel). It only fills caches that
// registerLogo reads in project order, so the output does not depend on
// it.
type logoWarmup struct {
	keys []logoKey
	done chan struct{}
}

// startLogos starts the warm-up of the projects' logos.
func startLogos(projects []Project) *logoWarmup {
	w := &logoWarmup{done: make(chan struct{})}
	go func() {
		defer close(w.done)
		w.keys = logoKeys(projects)
		seedLogos(projects, w.keys)
		seedVariants(projects, w.keys)
		warmLogos(projects, w.keys)
		warmResized(projects, w.keys)
	}()
	return w
}

// key waits for the warm-up and returns project i's logo hash.
func (w *logoWarmup) key(i int) logoKey {
	<-w.done
	return w.keys[i]
}

// wait waits for the warm-up to end.
func (w *logoWarmup) wait() { <-w.done }

// warmLogos prepares the logos of projects in parallel, filling the cache
// that registerLogo then reads in order (so output stays deterministic).
func warmLogos(projects []Project, keys []logoKey) {
	inParallel(len(projects), func(i int) {
		if !keys[i].ok {
			return
		}
		logoCache.Lock()
		_, ok := logoCache.m[keys[i].key]
		logoCache.Unlock()
		if ok {
			return
		}
		p, err := prepareLogo(projects[i].Logo.Data)
		if err != nil {
			return // registerLogo reports it
		}
		cacheLogo(keys[i].key, p)
	})
}

// warmResized resamples in parallel the logos that registerLogo, taking
// the projects in order, will find with a width already used (see
// uniqueWidth), filling the cache it reads. registerLogo still decides
// every width itself, so the output is the same with or without this.
func warmResized(projects []Project, keys []logoKey) {
	type job struct {
		key [32]byte
		p   prepared
		w   int
	}
	var jobs []job
	used := map[int]bool{}
	for i := range projects {
		if !keys[i].ok {
			continue
		}
		logoCache.Lock()
		p, ok := logoCache.m[keys[i].key]
		logoCache.Unlock()
		if !ok {
			continue // unusable: registerLogo reports it
		}
		w := freeWidth(int(p.w), used)
		if w != int(p.w) {
			jobs = append(jobs, job{keys[i].key, p, w})
		}
		used[w] = true
	}
	inParallel(len(jobs), func(i int) {
		resampledTo(jobs[i].key, jobs[i].p, jobs[i].w) // an error: registerLogo meets it again and reports it
	})
}

// seedVariants puts the stored variants of the projects' logos (widths
// earlier brochures resampled them to) into the cache registerLogo reads,
// so it does not resample them again. A variant of another logo or
// preparation is ignored.
func seedVariants(projects []Project, keys []logoKey) {
	for i, p := range projects {
		if !keys[i].ok {
			continue
		}
		for _, v := range p.Logo.Variants {
			if !usableVariant(v, keys[i].key) {
				continue
			}
			rkey := resizedKey{keys[i].key, v.Width}
			resizedCache.Lock()
			if resizedCache.m == nil || len(resizedCache.m) >= maxCachedLogos {
				resizedCache.m = map[resizedKey]prepared{}
			}
			resizedCache.m[rkey] = prepared{data: v.Data, typ: v.Type, w: float64(v.Width), h: float64(v.Height)}
			resizedCache.Unlock()
		}
	}
}

// usableVariant reports whether v was made from the logo whose hash is key
// by this preparation.
func usableVariant(v roadmap.LogoVariant, key [32]byte) bool {
	return v.Of == key && v.Version == LogoVersion && v.Type == "PNG" && v.Width > 0 && v.Height > 0 && len(v.Data) > 0
}

// hasVariant reports whether l holds a usable variant of width w.
func hasVariant(l *roadmap.Logo, key [32]byte, w int) bool {
	for _, v := range l.Variants {
		if v.Width == w && usableVariant(v, key) {
			return true
		}
	}
	return false
}
