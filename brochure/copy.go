package brochure

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/roadmapper/roadmapper/templates"
)

// maxTemplateBytes bounds a copy template read from disk.
const maxTemplateBytes = 64 << 10

// copyFuncs are the functions copy templates may call besides the builtins.
var copyFuncs = template.FuncMap{
	"date":  func(t time.Time) string { return dateLong(t) },
	"month": func(t time.Time) string { return dateMonth(t) },
	"join":  strings.Join,
	"names": func(ps []Project) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Project.Name
		}
		return out
	},
	"list": func(items []string) string { // "a, b and c"
		switch len(items) {
		case 0:
			return ""
		case 1:
			return items[0]
		}
		return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
	},
}

// LoadCopy renders the copy templates (organisation.tmpl, contact.tmpl,
// intro.tmpl, closing.tmpl) with data: the embedded defaults of package
// templates, each overridden by a file of the same name in dir (dir ""
// means defaults only). Errors name the template file, and for parse and
// execution errors its line; a dir that does not exist is an error.
// Templates may call date, month (time → "2 January 2006", "January
// 2006"), join, names (project names) and list ("a, b and c").
func LoadCopy(dir string, data CopyData) (Copy, error) {
	if dir != "" {
		fi, err := os.Stat(dir)
		if err != nil {
			return Copy{}, fmt.Errorf("load copy templates: %w", err)
		}
		if !fi.IsDir() {
			return Copy{}, fmt.Errorf("load copy templates: %s is not a directory", dir)
		}
	}
	// The organisation's name comes first, from organisation.tmpl alone:
	// every other template says it as {{.Organisation}}.
	var out [4]string
	var placeholders []string
	for i, name := range []string{templates.Organisation, templates.Contact, templates.Intro, templates.Closing} {
		text, path, err := readTemplate(dir, name)
		if err != nil {
			return Copy{}, err
		}
		if path == name { // the embedded default
			placeholders = append(placeholders, name)
		}
		s, err := execTemplate(path, text, data)
		if err != nil {
			return Copy{}, err
		}
		out[i] = s
		if i == 0 {
			data.Organisation = cleanText(s)
		}
	}
	c := Copy{
		Organisation: cleanText(out[0]),
		Intro:        strings.TrimSpace(out[2]),
		Closing:      strings.TrimSpace(out[3]),
		Placeholders: placeholders,
	}
	for _, l := range strings.Split(out[1], "\n") {
		if l = cleanText(l); l != "" {
			c.Contact = append(c.Contact, l)
		}
	}
	return c, nil
}

// readTemplate returns the text of a copy template and the path to name it
// by: the file in dir when there is one, else the embedded default.
func readTemplate(dir, name string) (text, path string, err error) {
	if dir != "" {
		path = filepath.Join(dir, name)
		f, err := os.Open(path)
		switch {
		case err == nil:
			defer f.Close()
			b, err := io.ReadAll(io.LimitReader(f, maxTemplateBytes+1))
			if err != nil {
				return "", path, fmt.Errorf("read copy template %s: %w", path, err)
			}
			if len(b) > maxTemplateBytes {
				return "", path, fmt.Errorf("read copy template %s: larger than %d bytes", path, maxTemplateBytes)
			}
			return string(b), path, nil
		case !errors.Is(err, fs.ErrNotExist):
			return "", path, fmt.Errorf("read copy template %s: %w", path, err)
		}
	}
	b, err := templates.FS.ReadFile(name)
	if err != nil {
		return "", name, fmt.Errorf("read embedded copy template %s: %w", name, err)
	}
	return string(b), name, nil
}

// execTemplate parses and executes one copy template named by path; the
// errors of text/template carry path and line ("intro.tmpl:3: ...").
func execTemplate(path, text string, data CopyData) (string, error) {
	t, err := template.New(path).Funcs(copyFuncs).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", fmt.Errorf("parse copy template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("execute copy template: %w", err)
	}
	return buf.String(), nil
}
