# Varnish in front of the portal's application servers (make serve-edge; README "The edge").
#
# Caches anonymous GET and HEAD as the application's headers allow (Cache-Control: s-maxage for
# pages, immutable for hashed static files); passes the admin, sessions and anything uncacheable;
# changes no header the application sets, so its security headers reach readers as they left it.
# The application purges it after every content change: BAN with the new content version drops
# every page of another one (dossier_portal/content/frontends.py).
#
# The application servers and their health probe are in backends.vcl, written for each
# deployment (dossier_portal/devtools/edge.py writes it for make serve-edge); it must define
# the backends and add each to the `app_servers` director in a vcl_init of its own.
vcl 4.1;

import directors;
import std;

# Who may purge: the application servers. Widen it to the hosts they run on.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app_servers = directors.round_robin();
}

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app_servers.backend();

    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.X-Content-Version !~ "^[0-9]+$") {
            return (synth(400, "X-Content-Version must be the new content version"));
        }
        # On objects only, so the ban lurker clears them in the background.
        ban("obj.http.X-Content-Version != " + req.http.X-Content-Version);
        return (synth(200, "Banned"));
    }

    # Editors (a session) and the admin's login (its CSRF cookie) see what readers do not.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Any other cookie (a third party's, a stale one) changes nothing the portal renders.
    unset req.http.Cookie;
    # The same page whatever order its parameters come in.
    set req.url = std.querysort(req.url);
    # Everything else as Varnish's built-in rules say: GET and HEAD looked up, the rest passed.
}

sub vcl_backend_error {
    # An application server that died since its last probe: ask the next one, so the reader
    # sees no error (the probe takes it out of the rotation within a few seconds).
    if (bereq.method ~ "^(GET|HEAD)$" && bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_deliver {
    # Tells a cached answer from a fresh one: see the README, "How to see purge working".
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Content-Version;
}
