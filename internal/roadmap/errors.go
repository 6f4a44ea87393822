package roadmap

import (
	"errors"
	"fmt"
)

// Kind classifies an error for front ends, which map each kind to an exit
// code or an HTTP status in one place. The message stays the wrapped
// error's own: a kind changes how a failure is reported, never its words.
type Kind int

// The error kinds. An error that carries none is KindFailure.
const (
	KindFailure     Kind = iota // nothing useful done, for a reason none of the others names
	KindInvalid                 // invalid input: a flag, a configuration or a profile
	KindNotFound                // what was asked for is not there (a crawl, an item, the database)
	KindBusy                    // another crawl holds the database
	KindInterrupted             // canceled part-way; what was done is kept
	KindPartial                 // done, but some parts failed (their previous data is kept)
)

var kindNames = [...]string{"failure", "invalid", "not found", "busy", "interrupted", "partial failure"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// ErrStoreCorrupt is wrapped by a store error meaning the database file is
// damaged: a crawl stops at once instead of writing more into it.
var ErrStoreCorrupt = errors.New("database corrupt")

// Error is an error of a known kind.
type Error struct {
	Kind Kind
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Errorf formats an error of kind k; %w wraps as in fmt.Errorf.
func Errorf(k Kind, format string, a ...any) error {
	return &Error{Kind: k, Err: fmt.Errorf(format, a...)}
}

// WithKind gives err the kind k (nil stays nil).
func WithKind(k Kind, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: k, Err: err}
}

// KindOf reports the kind of the outermost Error in err's chain, and
// KindFailure when there is none (or err is nil).
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindFailure
}

// IsKind reports whether err is of kind k.
func IsKind(err error, k Kind) bool {
	return err != nil && KindOf(err) == k
}
