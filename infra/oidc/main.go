// Command zhixing-oidc is an OpenID provider for the command centre's tests: on loopback,
// with confidential clients and users (role, court, team claims) from a small JSON file,
// and the provider's own login form. Built on github.com/zitadel/oidc/v3 (an
// OpenID-Certified library) and its example storage; never for production.
//
//	zhixing-oidc -listen 127.0.0.1:0 -redirect http://host/command/oidc/callback -config users.json \
//	    [-issuer-host localhost]
//
// Prints one line `issuer http://127.0.0.1:<port>` once it listens, then serves.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"golang.org/x/text/language"
)

// config is the file given by -config: the clients and the people who may sign in.
type config struct {
	Clients []struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	} `json:"clients"`
	Users []struct {
		ID       string            `json:"id"`
		Username string            `json:"username"`
		Password string            `json:"password"`
		Claims   map[string]string `json:"claims"`
	} `json:"users"`
}

// users is the example storage's UserStore over the config's people.
type users struct{ byID map[string]*storage.User }

func (u users) GetUserByID(id string) *storage.User { return u.byID[id] }
func (u users) ExampleClientID() string             { return storage.ServiceUserID }
func (u users) GetUserByUsername(name string) *storage.User {
	for _, user := range u.byID {
		if user.Username == name {
			return user
		}
	}
	return nil
}

// withClaims adds each user's configured claims (role, court, team) to the id_token
// and the userinfo answer: the example storage knows only its fixed profile claims.
type withClaims struct {
	*storage.Storage
	claims map[string]map[string]string
}

func (s withClaims) SetUserinfoFromScopes(ctx context.Context, info *oidc.UserInfo, userID, clientID string, scopes []string) error {
	if err := s.Storage.SetUserinfoFromScopes(ctx, info, userID, clientID, scopes); err != nil {
		return err
	}
	for key, value := range s.claims[userID] {
		info.AppendClaims(key, value)
	}
	return nil
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on (loopback)")
	redirect := flag.String("redirect", "", "the clients' redirect URI (a * matches any port or path part)")
	host := flag.String("issuer-host", "", "the issuer's host name (default: the listen address); "+
		"localhost makes the provider another site than a centre on 127.0.0.1")
	path := flag.String("config", "", "JSON file of clients and users")
	flag.Parse()
	if *redirect == "" || *path == "" {
		fmt.Fprintln(os.Stderr, "zhixing-oidc: -redirect and -config are required")
		os.Exit(2)
	}
	raw, err := os.ReadFile(*path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "zhixing-oidc:", err)
		os.Exit(1)
	}
	var cfg config
	if err := json.Unmarshal(raw, &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "zhixing-oidc: config:", err)
		os.Exit(1)
	}
	for _, c := range cfg.Clients {
		storage.RegisterClients(storage.WebClient(c.ID, c.Secret, *redirect))
	}
	store := users{byID: map[string]*storage.User{}}
	claims := map[string]map[string]string{}
	for _, u := range cfg.Users {
		store.byID[u.ID] = &storage.User{ID: u.ID, Username: u.Username, Password: u.Password,
			FirstName: u.Username, Email: u.Username + "@example.test", EmailVerified: true,
			PreferredLanguage: language.Chinese}
		claims[u.ID] = u.Claims
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "zhixing-oidc:", err)
		os.Exit(1)
	}
	issuer := "http://" + listener.Addr().String()
	if *host != "" {
		issuer = fmt.Sprintf("http://%s:%d", *host, listener.Addr().(*net.TCPAddr).Port)
	}
	// Request logs carry method, path and duration only (never a query or a form).
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	router := exampleop.SetupServer(issuer, withClaims{storage.NewStorage(store), claims}, logger, false)
	server := &http.Server{Handler: router, ReadHeaderTimeout: 5 * time.Second}
	fmt.Println("issuer", issuer)
	if err := server.Serve(listener); err != http.ErrServerClosed {
		fmt.Fprintln(os.Stderr, "zhixing-oidc:", err)
		os.Exit(1)
	}
}
