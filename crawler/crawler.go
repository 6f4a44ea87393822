// Package crawler fetches the roadmap pages, logos and GitHub facts of the
// configured projects, politely (robots.txt, per-host limits, retries with
// backoff, conditional requests, capped bodies), turns each page into a
// roadmap.Document with package extract, and hands one roadmap.ProjectResult
// per project to a Sink. It does not import the store.
package crawler

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Sentinel errors of a fetch. Callers compare with errors.Is.
var (
	// ErrDisallowed: robots.txt forbids the URL; it was never requested.
	ErrDisallowed = errors.New("blocked by robots.txt")
	// ErrTooLarge: the body (after decompression) exceeded the cap.
	ErrTooLarge = errors.New("too large")
	// ErrNotModified: the server answered 304 to a conditional request.
	ErrNotModified = errors.New("not modified")
)

// Options tune a Crawler. Zero fields take the documented defaults.
type Options struct {
	UserAgent     string
	Concurrency   int           // requests in flight overall (default 8)
	PerHost       int           // requests in flight per host (default 2)
	Timeout       time.Duration // per request (default 30s)
	MaxPageBytes  int64         // body cap (default 10 MiB); over it → error "too large"
	MaxLogoBytes  int64         // default 5 MiB
	RespectRobots bool          // honour robots.txt; set it true (the config default), the zero value ignores robots.txt
	MaxRetries    int           // default 3 (so up to 4 attempts); negative: no retry
	RetryBudget   time.Duration // total time a URL may spend in backoff/Retry-After waits (default 2m)
	BaseBackoff   time.Duration // default 1s (tests set ms)
	// StallAfter: when no project finishes for this long, the crawl logs
	// a warning with a dump of every goroutine, and again after each
	// further period without progress (default 5m; negative: never).
	StallAfter time.Duration
	HTTPClient *http.Client // optional (tests); the crawler sets its own CheckRedirect (max 10 redirects)
	// AllowPrivate lists address ranges the crawler may connect to even
	// though they are not public (loopback, private, link-local…). Every
	// other non-public address is refused after DNS resolution, for every
	// request and redirect ([crawl].allow_private). The guard is installed
	// when HTTPClient is nil or uses an *http.Transport without its own
	// DialContext; a custom RoundTripper (tests) is used as it is.
	AllowPrivate []netip.Prefix
	Logger       *slog.Logger
	Now          func() time.Time
	// Stop, when closed, makes Run start no new project while the ones
	// under way finish and are saved (a graceful shutdown); Run then
	// returns normally with fewer outcomes than projects.
	Stop <-chan struct{}
}

// Defaults of Options.
const (
	DefaultUserAgent    = "roadmapper (+https://github.com/roadmapper/roadmapper)"
	DefaultConcurrency  = 8
	DefaultPerHost      = 2
	DefaultTimeout      = 30 * time.Second
	DefaultMaxPageBytes = 10 << 20
	DefaultMaxLogoBytes = 5 << 20
	DefaultMaxRetries   = 3
	DefaultRetryBudget  = 2 * time.Minute
	DefaultBaseBackoff  = time.Second
	DefaultStallAfter   = 5 * time.Minute

	maxRedirects   = 10
	maxRobotsBytes = 512 << 10
)

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxPageBytes <= 0 {
		o.MaxPageBytes = DefaultMaxPageBytes
	}
	if o.MaxLogoBytes <= 0 {
		o.MaxLogoBytes = DefaultMaxLogoBytes
	}
	if o.MaxRetries < 0 {
		o.MaxRetries = 0
	} else if o.MaxRetries == 0 {
		o.MaxRetries = DefaultMaxRetries
	}
	if o.RetryBudget <= 0 {
		o.RetryBudget = DefaultRetryBudget
	}
	if o.BaseBackoff <= 0 {
		o.BaseBackoff = DefaultBaseBackoff
	}
	if o.StallAfter == 0 {
		o.StallAfter = DefaultStallAfter
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Sink saves what a crawl learnt about one project (the store, in one
// transaction) and says what changed.
type Sink interface {
	SaveProject(ctx context.Context, crawlID int64, res roadmap.ProjectResult) (roadmap.ProjectChanges, error)
}

// Validators answers the validators of the last good response of a URL
// for one project, for conditional requests (the store answers). They
// belong to the (project, URL) pair, and are "" when the project keeps no
// extraction of the URL, so that a 304 always has items to keep.
type Validators interface {
	Validators(ctx context.Context, project, url string) (etag, lastModified string, err error)
}

// GitHub is what the crawler needs of the GitHub client (internal/github).
type GitHub interface {
	// Project returns what GitHub knows of p; needContent asks for
	// roadmap_file's content (when p has no page or every page failed).
	// Never nil when p.Repo != "".
	Project(ctx context.Context, p roadmap.Project, needContent bool) *roadmap.GitHubResult
	Quota() roadmap.Quota
}

// LogoFunc turns fetched logo bytes into an embeddable logo (internal/logo).
// It is called with nil data when no logo could be had, to make a monogram.
type LogoFunc func(ctx context.Context, p roadmap.Project, data []byte, contentType string) roadmap.Logo

// Outcome is how one project's crawl went.
type Outcome struct {
	Project    string
	Status     string // roadmap.StatusFetched / StatusNotModified / StatusFailed / StatusNoSource
	Err        string // why it failed ("https://…: HTTP 404 Not Found", "https://…: blocked by robots.txt", …)
	Changes    roadmap.ProjectChanges
	Bytes      int64
	Items      int // items parsed from documents this crawl (0 when not modified)
	LogoMethod string
	LogoNote   string
	Warnings   []string // GitHub warnings, skipped notes, fallback notes, failed secondary pages
	Duration   time.Duration
}

// Summary is the outcome of a whole crawl.
type Summary struct {
	Outcomes                     []Outcome // in project order
	Fetched, NotModified, Failed int
	Added, Removed, Changed      int
	Bytes                        int64
	Duration                     time.Duration
	GitHub                       roadmap.Quota
	// NetworkDown is the root cause when no host could be reached ("no
	// network: 25 of 25 hosts could not be resolved"); the projects that
	// failed for it were not saved.
	NetworkDown string
}

// Crawler crawls projects. It is safe for sequential reuse; each Run has its
// own robots.txt cache and host limits.
type Crawler struct {
	opts   Options
	client *http.Client
	sink   Sink
	val    Validators
	gh     GitHub
	logo   LogoFunc
	log    *slog.Logger
}

// New returns a Crawler. val, gh and logo may be nil (no conditional
// requests, no GitHub, no logos); sink must not be nil.
func New(opts Options, sink Sink, val Validators, gh GitHub, logo LogoFunc) *Crawler {
	opts = opts.withDefaults()
	var client http.Client
	if opts.HTTPClient != nil {
		client = *opts.HTTPClient
	}
	switch t := client.Transport.(type) {
	case nil:
		client.Transport = guardedTransport(nil, opts.AllowPrivate)
	case *http.Transport:
		if t.DialContext == nil && t.Dial == nil && t.DialTLSContext == nil { //nolint:staticcheck
			client.Transport = guardedTransport(t, opts.AllowPrivate)
		}
	}
	client.CheckRedirect = checkRedirect
	return &Crawler{
		opts:   opts,
		client: &client,
		sink:   sink,
		val:    val,
		gh:     gh,
		logo:   logo,
		log:    opts.Logger,
	}
}
