package roadmap

import "time"

// DaysBetween is the number of calendar days (UTC) from from to to,
// negative when to is earlier. Unlike to.Sub(from), it does not saturate
// at about 292 years, so a date of year 0000 is about 2026 years ago.
func DaysBetween(from, to time.Time) int {
	const day = 24 * 60 * 60
	f, t := from.UTC().Unix(), to.UTC().Unix()
	return int(floorDiv(t, day) - floorDiv(f, day))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
