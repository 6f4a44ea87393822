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

// TestValuesThatCannotWork: each is refused at load, naming file and line.
func TestValuesThatCannotWork(t *testing.T) {
	long := strings.Repeat("k", 20000)
	cases := []struct {
		name, src string
		line      int
		want      string
	}{
		{"nan weight", "[rank]\ndemand = 0.3\nfreshness = nan\n", 3, "rank.freshness = NaN"},
		{"max_page_bytes at the int64 limit", "[crawl]\nmax_page_bytes = 9223372036854775807\n", 2, "between 1024 and"},
		{"user_agent with CR/LF", "[crawl]\nuser_agent = \"bot\\r\\nX-Evil: 1\"\n", 2, "control characters"},
		{"userinfo in a roadmap URL", "[[project]]\nslug = \"a\"\nname = \"A\"\nroadmap = [\"http://user:pw@x.org/r.md\"]\n", 4, "user name or password"},
		{"userinfo in api_url", "[github]\napi_url = \"https://tok@ghe.example.com/api/v3/\"\n", 2, "user name or password"},
		{"bad allow_private", "[crawl]\nallow_private = [\"127.0.0.0/8\", \"10.1.2.0\"]\n", 2, `"10.1.2.0" is not a CIDR`},
		{"a 20 KB key", "[crawl]\n" + long + " = 1\n", 2, "(20006 bytes)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "test.toml")
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v, want *config.Error", err)
			}
			if ce.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want line %d containing %q", err, tc.line, tc.want)
			}
			if len(err.Error()) > 400 {
				t.Errorf("message of %d bytes", len(err.Error()))
			}
			if strings.Contains(err.Error(), "pw@") {
				t.Errorf("message repeats the password: %v", err)
			}
		})
	}
	cfg, err := Parse([]byte("[crawl]\nallow_private = [\"127.0.0.0/8\", \"10.1.2.0/24\"]\n"), "test.toml")
	if err != nil || len(cfg.Crawl.AllowPrivateNets) != 2 || cfg.Crawl.AllowPrivateNets[1].String() != "10.1.2.0/24" {
		t.Errorf("allow_private: %v, %v", cfg, err)
	}
	if cfg, err := Default(); err != nil || len(cfg.Crawl.AllowPrivateNets) != 0 {
		t.Errorf("default allow_private must be empty: %v", err)
	}
}

func TestClientNaN(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"name = \"A\"\nmin_score = nan\n", "min_score"},
		{"name = \"A\"\n[themes]\ngpu = nan\n", `"gpu" is nan`},
	} {
		_, err := ParseClient([]byte(tc.src), "c.toml", nil, nil)
		var ce *Error
		if !errors.As(err, &ce) || ce.Line == 0 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v", tc.src, err)
		}
	}
}
