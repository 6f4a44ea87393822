package templates

import (
	"testing"
	"text/template"
)

func TestTemplatesEmbeddedAndParse(t *testing.T) {
	for _, name := range []string{Organisation, Contact, Intro, Closing} {
		b, err := FS.ReadFile(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(b) == 0 {
			t.Errorf("%s is empty", name)
		}
		if _, err := template.New(name).Parse(string(b)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
