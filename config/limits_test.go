package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadRefusesDevicesAndDeepNesting: --config /dev/zero and --client
// /dev/zero fail at once naming the file; a deeply nested document fails
// naming its line before the decoder sees it.
func TestLoadRefusesDevicesAndDeepNesting(t *testing.T) {
	if _, err := Load("/dev/zero"); err == nil || !strings.Contains(err.Error(), "/dev/zero") || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Load(/dev/zero) = %v", err)
	}
	if _, err := LoadClient("/dev/zero", nil, nil); err == nil || !strings.Contains(err.Error(), "/dev/zero") || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("LoadClient(/dev/zero) = %v", err)
	}
	dir := t.TempDir()
	deep := filepath.Join(dir, "deep.toml")
	os.WriteFile(deep, []byte("[crawl]\nx = "+strings.Repeat("{a = ", 20000)+"1"+strings.Repeat("}", 20000)+"\n"), 0o644)
	for _, load := range []func() error{
		func() error { _, err := Load(deep); return err },
		func() error { _, err := LoadClient(deep, nil, nil); return err },
	} {
		err := load()
		var ce *Error
		if !errors.As(err, &ce) || ce.File != deep || ce.Line != 2 || !strings.Contains(ce.Msg, "nested") {
			t.Errorf("deep nesting: %v", err)
		}
	}
}
