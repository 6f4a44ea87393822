package crawler

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// corruptSink fails every save as a damaged database does.
type corruptSink struct{ calls atomic.Int64 }

func (s *corruptSink) SaveProject(context.Context, int64, roadmap.ProjectResult) (roadmap.ProjectChanges, error) {
	s.calls.Add(1)
	return roadmap.ProjectChanges{}, fmt.Errorf("save: %w", roadmap.ErrStoreCorrupt)
}

// TestCorruptDatabaseStopsSaving: after the first save meets a corrupt
// database, no other project is written into it and the crawl fails with
// that error instead of reporting "previous data is kept".
func TestCorruptDatabaseStopsSaving(t *testing.T) {
	site := newFakeSite(t)
	sink := &corruptSink{}
	cr := New(testOptions(), sink, nil, nil, nil)
	var projects []roadmap.Project
	for i := range 4 {
		projects = append(projects, roadmap.Project{Slug: fmt.Sprintf("p%d", i), Name: "P", Roadmap: []string{site.URL + "/ok/roadmap.html"}})
	}
	sum, err := cr.Run(context.Background(), 1, projects, nil)
	if !errors.Is(err, roadmap.ErrStoreCorrupt) {
		t.Errorf("Run error = %v, want the corrupt database", err)
	}
	if n := sink.calls.Load(); n != 1 {
		t.Errorf("%d saves attempted, want 1", n)
	}
	_ = sum
}
