// Package deps pins the chosen modules while the packages that use them are written.
package deps

import (
	_ "codeberg.org/go-pdf/fpdf"
	_ "github.com/BurntSushi/toml"
	_ "github.com/PuerkitoBio/goquery"
	_ "github.com/gofri/go-github-ratelimit/v2/github_ratelimit"
	_ "github.com/google/go-github/v62/github"
	_ "github.com/mattn/go-isatty"
	_ "github.com/spf13/cobra"
	_ "github.com/srwiley/oksvg"
	_ "github.com/srwiley/rasterx"
	_ "golang.org/x/image/font/gofont/goregular"
	_ "golang.org/x/net/html/charset"
	_ "golang.org/x/term"
	_ "golang.org/x/text/unicode/norm"
	_ "modernc.org/sqlite"
)
