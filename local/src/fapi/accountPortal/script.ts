// `/accounts/portal.js`: the one script of the hosted pages. It moves ClerkJS's redirect parameters from after `#`
// into the query, where the server checks them, then loads ClerkJS and mounts the page's component.
import { REDIRECT_PARAMS } from './redirects.js'

/**
 * The source of `/accounts/portal.js`. Plain ES2017 in a string, so no bundler can rewrite it, served from this
 * server so the pages' Content-Security-Policy needs no inline script.
 *
 * 1. ClerkJS writes `redirect_url` and its siblings after `#` (`/accounts/sign-in#/?redirect_url=…`), which never
 *    reaches a server. The script moves them into the query and reloads, so the server checks them against the
 *    allowed origins before any page uses them, and ClerkJS on the page only ever sees the checked values (as the
 *    component's props). The backend's no-JavaScript `/sign-in` page loads the script for this step alone.
 * 2. `Clerk.load()` with the page's redirect allow-list (ClerkJS's `allowedRedirectOrigins`: the origins the
 *    server checked), then `mount…` with hash routing, as Clerk's own hosted pages route their steps.
 */
export function portalScript(): string {
  return `// remix-clerk-local: the hosted pages' script. Development only.
(function () {
  'use strict';
  var PARAMS = ${JSON.stringify(REDIRECT_PARAMS)};
  var hash = location.hash;
  var at = hash.indexOf('?');
  if (at !== -1) {
    var inHash = new URLSearchParams(hash.slice(at + 1));
    var query = new URLSearchParams(location.search);
    var moved = false;
    PARAMS.forEach(function (name) {
      var value = inHash.get(name);
      if (value === null) return;
      query.set(name, value);
      inHash.delete(name);
      moved = true;
    });
    if (moved) {
      var rest = inHash.toString();
      location.replace(location.pathname + '?' + query.toString() + hash.slice(0, at) + (rest ? '?' + rest : ''));
      return;
    }
  }

  var root = document.getElementById('clerk-portal');
  if (!root) return;
  var status = document.getElementById('portal-status');
  var config = JSON.parse(root.getAttribute('data-config'));
  function say(text) {
    status.textContent = text;
    status.hidden = false;
  }
  var clerk = window.Clerk;
  if (!clerk) {
    say('ClerkJS did not load: see the browser console.');
    return;
  }
  var options = { allowedRedirectOrigins: config.allowedRedirectOrigins };
  // ClerkJS 6 draws its components with @clerk/ui, which the page loads next to it.
  if (window.__internal_ClerkUICtor) options.ui = { ClerkUI: window.__internal_ClerkUICtor };
  clerk.load(options).then(function () {
    if (config.signInUrl && !clerk.user) {
      location.replace(config.signInUrl);
      return;
    }
    if (config.noOrganization && !clerk.organization) {
      say(config.noOrganization);
      return;
    }
    var props = Object.assign({ routing: 'hash' }, config.props);
    clerk[config.mount](root, props);
  }).catch(function (error) {
    say('Clerk could not start: ' + (error && error.message ? error.message : String(error)));
  });
})();
`
}
