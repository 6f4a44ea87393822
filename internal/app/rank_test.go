package app

import (
	"testing"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/rank"
)

// TestRankWeightsDefaults: the weights written in the built-in registry are
// the ranking's own defaults, so the documented numbers are the used ones.
func TestRankWeightsDefaults(t *testing.T) {
	cfg, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := RankWeights(cfg), rank.DefaultWeights(); got != want {
		t.Errorf("registry [rank] weights %+v, ranking defaults %+v", got, want)
	}
}
