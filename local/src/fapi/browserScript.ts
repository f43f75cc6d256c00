// `/local-clerk.js`, for apps without ClerkJS: it keeps the session cookie fresh in an open tab.
/**
 * The source of `/local-clerk.js`. An app includes it from this server, under the app's own host name, e.g.
 * `<script src="http://localhost:4000/local-clerk.js" defer></script>` for an app on `http://localhost:3000`, and
 * its `__session` cookie stays fresh while a tab is open, as with Clerk's browser SDK: the server SDK then sees a
 * valid token on every request, including `fetch`/data requests, which cannot go through a handshake redirect.
 *
 * How: shortly before the token's `exp` (10 s before, or half its lifetime when that is shorter), on the tab
 * becoming visible again, and on `window.remixClerkLocal.refresh()`, it POSTs to
 * `/v1/client/sessions/{sid}/tokens` with the browser's cookies: the HttpOnly `__client` cookie of this server is
 * the credential (see browserTokens.ts), which the browser sends only if page and server are the same site. It
 * writes the new token under the same cookie names it found (`__session`, `__session_<suffix>`). A refused refresh
 * (session ended or revoked, no `__client` cookie) is left alone: the next page load goes through the handshake,
 * which signs the page out properly. Network errors are retried after 5 s.
 *
 * Plain ES2017 in a string, so no bundler can rewrite it.
 */
export function browserScript(frontendApiUrl: string, cookieSuffix: string): string {
  return `// remix-clerk-local: keeps this page's __session cookie fresh. Development only.
(function () {
  'use strict';
  var script = document.currentScript;
  var api = new URL(script && script.src ? script.src : ${JSON.stringify(`${frontendApiUrl}/local-clerk.js`)}).origin;
  var names = ['__session_' + ${JSON.stringify(cookieSuffix)}, '__session'];
  var MARGIN_SECONDS = 10;
  var IDLE_MS = 50000;
  var RETRY_MS = 5000;
  var timer = 0;
  var running = null;
  var refused = '';
  var retryAfter = 0;

  function readCookies() {
    var jar = {};
    document.cookie.split(';').forEach(function (part) {
      var at = part.indexOf('=');
      if (at > 0) jar[part.slice(0, at).trim()] = part.slice(at + 1).trim();
    });
    return jar;
  }

  function decode(token) {
    try {
      return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch (error) {
      return null;
    }
  }

  // The session token this page holds, the cookie names it is under, and its claims.
  function current() {
    var jar = readCookies();
    var present = names.filter(function (name) { return jar[name]; });
    if (present.length === 0) return null;
    var token = jar[present[0]];
    var claims = decode(token);
    if (!claims || typeof claims.sid !== 'string' || typeof claims.exp !== 'number') return null;
    return { token: token, names: present, claims: claims };
  }

  function refreshAt(claims) {
    var lifetime = claims.exp - (typeof claims.iat === 'number' ? claims.iat : claims.exp - 60);
    return (claims.exp - Math.min(MARGIN_SECONDS, lifetime / 2)) * 1000;
  }

  function due(state) {
    return state !== null && state.token !== refused && Date.now() >= refreshAt(state.claims) && Date.now() >= retryAfter;
  }

  function writeToken(state, jwt) {
    var attributes = '; Path=/; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
    state.names.forEach(function (name) { document.cookie = name + '=' + jwt + attributes; });
  }

  // Resolves to 'refreshed', 'refused', 'failed' or 'none' (nothing to refresh).
  function refresh() {
    if (running) return running;
    var state = current();
    if (!state) return Promise.resolve('none');
    if (state.token === refused) return Promise.resolve('refused');
    var url = api + '/v1/client/sessions/' + encodeURIComponent(state.claims.sid) + '/tokens';
    running = fetch(url, { method: 'POST', credentials: 'include' })
      .then(function (response) {
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          refused = state.token;
          return 'refused';
        }
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json().then(function (body) {
          var now = current();
          // A handshake or another tab replaced the cookie meanwhile: theirs wins.
          if (now && now.token === state.token) writeToken(state, body.jwt);
          var after = current();
          // The cookie could not be written (or was written back): wait instead of asking again at once.
          if (after && after.token === state.token) throw new Error('cookie not updated');
          retryAfter = 0;
          return 'refreshed';
        });
      })
      .catch(function () {
        retryAfter = Date.now() + RETRY_MS;
        return 'failed';
      })
      .then(function (outcome) {
        running = null;
        schedule();
        return outcome;
      });
    return running;
  }

  function schedule() {
    clearTimeout(timer);
    var state = current();
    var wait = IDLE_MS;
    if (state && state.token !== refused) wait = Math.max(refreshAt(state.claims) - Date.now(), retryAfter - Date.now(), 0);
    timer = setTimeout(tick, Math.min(wait, IDLE_MS));
  }

  function tick() {
    if (due(current())) refresh();
    else schedule();
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') tick();
  });
  window.remixClerkLocal = { refresh: refresh };
  tick();
})();
`
}
