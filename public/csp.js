// Runs first, before any other script: adds the studio's connect-src policy. The static policy in
// index.html restricts everything else to the page's own origin; this one restricts connections to
// the page's own origin plus the judge endpoints the user has explicitly allowed (their origins are
// kept in localStorage under "lrpo.csp.connect"; see src/ui/security/connect-origins.ts).
(function () {
  var allowed = [];
  try {
    var saved = JSON.parse(window.localStorage.getItem('lrpo.csp.connect') || '[]');
    if (Array.isArray(saved)) {
      allowed = saved.filter(function (o) {
        return typeof o === 'string' && /^https?:\/\/[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$/.test(o);
      });
    }
  } catch (e) {
    allowed = [];
  }
  var meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = "connect-src 'self' " + allowed.join(' ');
  document.head.appendChild(meta);
})();
