package web

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
)

// contentSecurityPolicy allows nothing inline and nothing from elsewhere:
// scripts, styles and images come from this server (images may also be
// data: URLs, for logos), and only this server may frame its pages (the
// brochure preview).
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; frame-src 'self'; object-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"

// visitor is who sent a request.
type visitor struct {
	User   string // name typed at login; "" when auth is off
	Role   string // RoleEditor or RoleViewer; "" when not signed in
	CSRF   string // token forms must carry
	AuthOn bool
}

// CanEdit reports whether the visitor may change things.
func (v visitor) CanEdit() bool { return v.Role == RoleEditor }

// Who is what the history records as the author of a change.
func (v visitor) Who() string {
	if !v.AuthOn {
		return "local"
	}
	return v.User + " (" + v.Role + ")"
}

type visitorKey struct{}

func visitorOf(r *http.Request) visitor {
	v, _ := r.Context().Value(visitorKey{}).(visitor)
	return v
}

// ServeHTTP runs every request through the security layers: headers,
// panic recovery, body limits, the session, the login gate and the CSRF
// check of state-changing requests.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.opts.TLSCert != "" {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("panic serving request", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
	}()
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	}

	cookie := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		cookie = c.Value
	}
	v := visitor{AuthOn: s.auth != nil}
	if s.auth == nil {
		v.Role = RoleEditor
	} else if sess, ok := s.auth.lookup(cookie, s.now()); ok {
		v.User, v.Role = sess.user, sess.role
	}
	if cookie == "" || (s.auth != nil && v.Role == "" && !validCookie(cookie)) {
		// An anonymous browser gets a random cookie so its forms (the login
		// form included) can carry a CSRF token.
		cookie = randomToken()
		setSessionCookie(w, cookie, s.opts.TLSCert != "", 0)
	}
	v.CSRF = csrfToken(s.key, cookie)
	r = r.WithContext(context.WithValue(r.Context(), visitorKey{}, v))

	public := strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/login" || r.URL.Path == "/healthz"
	if s.auth != nil && v.Role == "" && !public {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		s.fail(w, r, http.StatusUnauthorized, "Sign in first.")
		return
	}
	if !safeMethod(r.Method) {
		if !s.sameOrigin(r) || !validCSRF(s.key, cookie, r.Header.Get("X-CSRF-Token")) && !validCSRF(s.key, cookie, r.PostFormValue("csrf")) {
			s.fail(w, r, http.StatusForbidden, "This form has expired or did not come from this site (missing or wrong CSRF token). Reload the page and try again.")
			return
		}
		if r.URL.Path != "/login" && r.URL.Path != "/logout" && !v.CanEdit() {
			s.fail(w, r, http.StatusForbidden, "You are signed in as a viewer: viewers can read everything but change nothing.")
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// validCookie reports whether a cookie value looks like one this server
// made (so a junk value is replaced rather than trusted as an identity).
func validCookie(c string) bool {
	return len(c) == 43 && strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == ""
}

// sameOrigin refuses a state-changing request whose Origin (when the
// browser sends one) is another site.
func (s *Server) sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return o == ""
	}
	u, err := url.Parse(o)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

func newKey() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	return k
}

// fail answers with an error page (or plain text for scripts).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if strings.Contains(r.Header.Get("Accept"), "text/html") {
		s.render(w, r, "error", pageData{Title: http.StatusText(code), Data: msg}, code)
		return
	}
	http.Error(w, msg, code)
}

// failErr logs an unexpected error and answers 500 with its message.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, what string, err error) {
	s.log.Error(what, "path", r.URL.Path, "err", err)
	s.fail(w, r, http.StatusInternalServerError, fmt.Sprintf("%s: %v", what, err))
}
