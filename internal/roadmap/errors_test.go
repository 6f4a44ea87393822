package roadmap

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorKinds(t *testing.T) {
	base := errors.New("disk full")
	busy := Errorf(KindBusy, "another crawl is running on %s", "x.db")
	wrapped := fmt.Errorf("brochure: %w", busy)
	tests := []struct {
		err  error
		want Kind
		msg  string
	}{
		{nil, KindFailure, ""},
		{base, KindFailure, "disk full"},
		{busy, KindBusy, "another crawl is running on x.db"},
		{wrapped, KindBusy, "brochure: another crawl is running on x.db"},
		{WithKind(KindInvalid, base), KindInvalid, "disk full"},
		{WithKind(KindPartial, fmt.Errorf("save: %w", base)), KindPartial, "save: disk full"},
	}
	for _, tt := range tests {
		if got := KindOf(tt.err); got != tt.want {
			t.Errorf("KindOf(%v) = %v, want %v", tt.err, got, tt.want)
		}
		if tt.err != nil && tt.err.Error() != tt.msg {
			t.Errorf("message %q, want %q: a kind must not change the words", tt.err.Error(), tt.msg)
		}
	}
	if WithKind(KindBusy, nil) != nil {
		t.Error("WithKind(nil) is not nil")
	}
	if !errors.Is(WithKind(KindNotFound, base), base) {
		t.Error("a kind hides the wrapped error from errors.Is")
	}
	if !IsKind(wrapped, KindBusy) || IsKind(nil, KindFailure) {
		t.Error("IsKind")
	}
	if KindInterrupted.String() != "interrupted" || Kind(42).String() != "kind(42)" {
		t.Error("Kind.String")
	}
}
