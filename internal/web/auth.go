package web

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Roles of a signed-in person.
const (
	RoleEditor = "editor" // may change clients and curation, and start crawls
	RoleViewer = "viewer" // reads everything, changes nothing
)

// Environment variables holding the passwords (or tokens) of each role.
const (
	EnvEditorPassword = "ROADMAPPER_WEB_PASSWORD"
	EnvViewerPassword = "ROADMAPPER_WEB_VIEWER_PASSWORD"
)

const (
	sessionCookie = "roadmapper_session"
	sessionTTL    = 12 * time.Hour
	maxSessions   = 10000
	hashRounds    = 60000
)

// secret is a password kept only as a salted PBKDF2 hash.
type secret struct {
	salt, hash []byte
}

func newSecret(password string) (secret, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return secret{}, err
	}
	h, err := pbkdf2.Key(sha256.New, password, salt, hashRounds, 32)
	return secret{salt: salt, hash: h}, err
}

func (s secret) matches(password string) bool {
	if len(s.hash) == 0 {
		return false
	}
	h, err := pbkdf2.Key(sha256.New, password, s.salt, hashRounds, 32)
	return err == nil && subtle.ConstantTimeCompare(h, s.hash) == 1
}

// Auth checks passwords and keeps sessions in memory. A nil *Auth means
// authentication is off: everyone is an editor (only on a loopback address).
type Auth struct {
	editor, viewer secret
	secure         bool // cookies only over TLS

	mu       sync.Mutex
	sessions map[string]*session // sha256 of the cookie value → session
}

type session struct {
	user, role string
	expires    time.Time
}

// NewAuth reads the passwords from the environment (getenv); it returns
// nil, nil when no password is set. A viewer password without an editor
// password is an error, since nobody could then change anything.
func NewAuth(getenv func(string) string, tls bool) (*Auth, error) {
	ed, vw := getenv(EnvEditorPassword), getenv(EnvViewerPassword)
	if ed == "" && vw == "" {
		return nil, nil
	}
	if ed == "" {
		return nil, fmt.Errorf("%s is set but %s is not: set the editor's password too", EnvViewerPassword, EnvEditorPassword)
	}
	if ed == vw {
		return nil, fmt.Errorf("%s and %s must differ", EnvEditorPassword, EnvViewerPassword)
	}
	a := &Auth{secure: tls, sessions: map[string]*session{}}
	var err error
	if a.editor, err = newSecret(ed); err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	if vw != "" {
		if a.viewer, err = newSecret(vw); err != nil {
			return nil, fmt.Errorf("hash password: %w", err)
		}
	}
	return a, nil
}

// errBadLogin is the one message for any failed login.
var errBadLogin = errors.New("wrong password")

// login checks password and returns the role it opens.
func (a *Auth) login(password string) (string, error) {
	switch {
	case a.editor.matches(password):
		return RoleEditor, nil
	case a.viewer.matches(password):
		return RoleViewer, nil
	}
	return "", errBadLogin
}

func tokenKey(token string) string {
	h := sha256.Sum256([]byte(token))
	return string(h[:])
}

// start makes a session and returns the cookie value.
func (a *Auth) start(user, role string, now time.Time) string {
	token := randomToken()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.sessions) >= maxSessions {
		for k, s := range a.sessions {
			if now.After(s.expires) || len(a.sessions) >= maxSessions {
				delete(a.sessions, k)
			}
		}
	}
	a.sessions[tokenKey(token)] = &session{user: user, role: role, expires: now.Add(sessionTTL)}
	return token
}

// lookup finds the live session of a cookie value.
func (a *Auth) lookup(token string, now time.Time) (*session, bool) {
	if token == "" {
		return nil, false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	s, ok := a.sessions[tokenKey(token)]
	if !ok {
		return nil, false
	}
	if now.After(s.expires) {
		delete(a.sessions, tokenKey(token))
		return nil, false
	}
	return s, true
}

func (a *Auth) end(token string) {
	a.mu.Lock()
	delete(a.sessions, tokenKey(token))
	a.mu.Unlock()
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// csrfToken is the token a form of the browser holding cookie must carry:
// an HMAC of the cookie under the server's key, so it needs no storage.
func csrfToken(key []byte, cookie string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("csrf\x00" + cookie))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func validCSRF(key []byte, cookie, token string) bool {
	if cookie == "" || token == "" {
		return false
	}
	return hmac.Equal([]byte(csrfToken(key, cookie)), []byte(token))
}

// setSessionCookie writes the browser's session cookie.
// maxAge is in seconds: 0 for a browser-session cookie, -1 to delete it.
func setSessionCookie(w http.ResponseWriter, value string, secure bool, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure,
		MaxAge: maxAge,
	})
}

// cleanUser keeps a typed name short and printable for the history.
func cleanUser(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	var b strings.Builder
	for _, r := range name {
		if r >= 0x20 && r != 0x7f {
			b.WriteRune(r)
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}

var errNoName = errors.New("type your name: it is recorded with the changes you make")
