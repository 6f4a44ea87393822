package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is a time.Duration written in TOML as a string: Go syntax
// ("30s", "24h", "1h30m") plus whole days and weeks ("730d", "2w").
type Duration struct{ time.Duration }

// UnmarshalText parses a duration; a malformed or negative one is an error
// that the TOML decoder reports with its line.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration back in the form ParseDuration reads.
func (d Duration) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// String writes whole days as "730d", whole hours as "24h", else Go syntax.
func (d Duration) String() string {
	switch {
	case d.Duration == 0:
		return "0s"
	case d.Duration%(24*time.Hour) == 0 && d.Duration >= 48*time.Hour:
		return strconv.FormatInt(int64(d.Duration/(24*time.Hour)), 10) + "d"
	case d.Duration%time.Hour == 0:
		return strconv.FormatInt(int64(d.Duration/time.Hour), 10) + "h"
	}
	return d.Duration.String()
}

// Set parses a command-line value, so Duration can be a flag (pflag.Value).
func (d *Duration) Set(s string) error { return d.UnmarshalText([]byte(s)) }

// Type names the flag's value in --help.
func (d *Duration) Type() string { return "duration" }

// ParseDuration reads "30s", "24h", "730d" or "2w". It rejects negative
// values and anything time.ParseDuration would not take.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty duration (want e.g. \"30s\", \"24h\" or \"730d\")")
	}
	var v time.Duration
	unit := s[len(s)-1]
	if unit == 'd' || unit == 'w' {
		n, err := strconv.ParseFloat(s[:len(s)-1], 64)
		if err != nil {
			return 0, fmt.Errorf("bad duration %q (want e.g. \"30s\", \"24h\" or \"730d\")", s)
		}
		day := 24 * time.Hour
		if unit == 'w' {
			day *= 7
		}
		if n > 100*365 {
			return 0, fmt.Errorf("duration %q is too long", s)
		}
		v = time.Duration(n * float64(day))
	} else {
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("bad duration %q (want e.g. \"30s\", \"24h\" or \"730d\")", s)
		}
		v = d
	}
	if v < 0 {
		return 0, fmt.Errorf("negative duration %q", s)
	}
	return v, nil
}
