package audit

import (
	"fmt"
	"math"
)

// Summary sums the findings up in one line: "25 projects: 17 have a roadmap
// (68%), 9 of them current and substantial (36% of all)", adding how many
// could not be checked when some are unreachable.
func Summary(f []Finding) string {
	total, has, good, unknown := len(f), 0, 0, 0
	for _, x := range f {
		if x.HasRoadmap() {
			has++
		}
		if x.Status == StatusGood {
			good++
		}
		if x.Status == StatusUnreachable {
			unknown++
		}
	}
	if total == 0 {
		return "0 projects"
	}
	s := fmt.Sprintf("%s: %d %s a roadmap (%d%%), %d of them current and substantial (%d%% of all)",
		plural(total, "project"), has, verb(has), percent(has, total), good, percent(good, total))
	if unknown > 0 {
		s += fmt.Sprintf("; %d unreachable, so unknown", unknown)
	}
	return s
}

func verb(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

func percent(n, total int) int {
	return int(math.Round(100 * float64(n) / float64(total)))
}
