package web

import (
	"net/http"
	"strings"
)

type loginPage struct {
	Next, User, Error string
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if s.auth == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, "login", pageData{Title: "Sign in", Data: loginPage{Next: safeNext(r.URL.Query().Get("next"))}}, 0)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.auth == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	user := cleanUser(r.PostFormValue("user"))
	next := safeNext(r.PostFormValue("next"))
	role, err := s.auth.login(r.PostFormValue("password"))
	if err == nil && user == "" {
		err = errNoName
	}
	if err != nil {
		s.log.Warn("failed sign-in", "user", user, "remote", r.RemoteAddr)
		s.render(w, r, "login", pageData{Title: "Sign in", Data: loginPage{Next: next, User: user, Error: err.Error()}}, http.StatusUnauthorized)
		return
	}
	// A new cookie on sign-in: a cookie planted before it is worth nothing.
	token := s.auth.start(user, role, s.now())
	setSessionCookie(w, token, s.opts.TLSCert != "", int(sessionTTL.Seconds()))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && s.auth != nil {
		s.auth.end(c.Value)
	}
	setSessionCookie(w, "", s.opts.TLSCert != "", -1)
	if s.auth == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	setFlash(w, "Signed out.")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
