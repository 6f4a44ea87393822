package config

import (
	"errors"
	"os"
	"strings"
)

// builtins are the embedded registries selectable by name with --config.
var builtins = map[string]struct {
	data []byte
	name string
}{
	"numfocus": {NumFOCUS, "(built-in NumFOCUS registry)"},
}

// BuiltinNames lists the names Builtin accepts.
func BuiltinNames() []string { return []string{"numfocus"} }

// Builtin returns the embedded registry called name ("numfocus"), with ok
// set, unless a file of that name exists (a file always wins). ok is false
// for any other name.
func Builtin(name string) (cfg *Config, ok bool, err error) {
	b, found := builtins[strings.ToLower(strings.TrimSpace(name))]
	if !found {
		return nil, false, nil
	}
	if _, err := os.Stat(name); err == nil || !errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	cfg, err = Parse(b.data, b.name)
	return cfg, true, err
}
