package config

import (
	"embed"
	_ "embed"
)

// Registry is the embedded default configuration: settings and the
// registry of PyData projects.
//
//go:embed registry.toml
var Registry []byte

// Themes is the embedded default taxonomy of themes used for ranking.
//
//go:embed themes.toml
var Themes []byte

// Clients holds the example client profiles (clients/*.toml).
//
//go:embed clients/*.toml
var Clients embed.FS

// NumFOCUS is the embedded registry of NumFOCUS fiscally sponsored and
// affiliated projects (numfocus.toml), selected with --config numfocus.
//
//go:embed numfocus.toml
var NumFOCUS []byte
