package rank

// Weights set how Rank mixes its signals. The first four are the relative
// weights of the intrinsic signals (normalised by their sum, so only their
// ratios matter); the last four mix the final score as a plain weighted sum
// Intrinsic·I + Themes·T + Interests·B + Prefer·P, clamped to [0,1] (with
// the defaults they add up to 1, so no clamping happens).
type Weights struct {
	// Demand weighs reactions and comments on the item's issue and its
	// evidence (default 0.30).
	Demand float64
	// Concreteness weighs links to proposals, issues and PRs, the
	// substance of the text and its sub-points (default 0.35).
	Concreteness float64
	// Freshness weighs how recently the project's roadmap (or the issue)
	// was updated (default 0.20).
	Freshness float64
	// Position weighs how early the item comes in its roadmap (default 0.15).
	Position float64

	// Intrinsic is the share of the intrinsic score I (default 0.30).
	Intrinsic float64
	// Themes is the share of the client's theme fit T (default 0.40).
	Themes float64
	// Interests is the share of the BM25 match B of the client's interests
	// (default 0.20).
	Interests float64
	// Prefer is the bonus of an item of a preferred project (default 0.10).
	Prefer float64
}

// DefaultWeights returns the weights Rank uses unless configured otherwise.
func DefaultWeights() Weights {
	return Weights{
		Demand:       0.30,
		Concreteness: 0.35,
		Freshness:    0.20,
		Position:     0.15,
		Intrinsic:    0.30,
		Themes:       0.40,
		Interests:    0.20,
		Prefer:       0.10,
	}
}

// intrinsicSum is the sum of the intrinsic weights, or 0 if none is positive.
func (w Weights) intrinsicSum() float64 {
	return pos(w.Demand) + pos(w.Concreteness) + pos(w.Freshness) + pos(w.Position)
}

func pos(x float64) float64 {
	if x > 0 {
		return x
	}
	return 0
}
