package config

import (
	"regexp"
	"strings"

	"github.com/roadmapper/roadmapper/internal/tomlpos"
)

// keyLine finds the 1-based line of key (a dotted TOML path such as
// "project.foo" or "crawl.timeout") in src, so errors the decoder cannot
// place still name a line. occurrence picks the n-th match (1-based) when a
// key repeats in an array of tables. It returns 0 when the key is not found.
func keyLine(src, key string, occurrence int) int {
	return tomlpos.KeyLine(tomlpos.Scan(src), key, occurrence)
}

// valueLine finds the line where key is set to the string value, counting
// occurrences of that exact assignment; 0 when not found.
func valueLine(src, key, value string, occurrence int) int {
	re := regexp.MustCompile(`^\s*` + regexp.QuoteMeta(key) + `\s*=\s*["']` + regexp.QuoteMeta(value) + `["']`)
	seen := 0
	for i, line := range strings.Split(src, "\n") {
		if re.MatchString(line) {
			seen++
			if seen >= occurrence {
				return i + 1
			}
		}
	}
	return 0
}
