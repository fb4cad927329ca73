// The service worker (served at /sw.js by fieldwork.views.service_worker, which puts the release's
// configuration in self.SALESOPS above this code: version, precached assets, offline pages).
//
// - Static assets: precached at install, cache first (their URLs carry their content hash).
// - The salesperson's pages (home with today's plan, clients, visits, 记录拜访): network first; the
//   last copy (of the page without filters) when the network fails; other pages, while the device is
//   offline, show the offline page. Everything else goes to the network untouched.
// - A new release has a new version: the new worker replaces the old one at once and deletes every
//   cache of other versions, so no old page or asset stays stuck.
/* global self, caches, fetch, URL, Response */
(function () {
  "use strict";
  var config = self.SALESOPS;
  var STATIC = "salesops-static-" + config.version;
  var PAGES = "salesops-pages-" + config.version;

  self.addEventListener("install", function (event) {
    event.waitUntil(
      caches.open(STATIC).then(function (cache) {
        return cache.addAll(config.assets.concat([config.offline]));
      }).then(function () { return self.skipWaiting(); })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) {
          return key.indexOf("salesops-") === 0 && key !== STATIC && key !== PAGES;
        }).map(function (key) { return caches.delete(key); }));
      }).then(function () { return self.clients.claim(); })
    );
  });

  function isOfflinePage(url) {
    return config.pages.indexOf(url.pathname) !== -1;
  }

  function pageFromNetwork(request) {
    return fetch(request).then(function (response) {
      var url = new URL(response.url || request.url);
      if (response.redirected && url.pathname === config.login) {
        // the session ended: what was kept for this user is no longer theirs to read
        caches.delete(PAGES);
      } else if (response.ok && !response.redirected && !url.search) {
        // one copy per page, as it is without filters (a filtered list is not kept)
        var copy = response.clone();
        caches.open(PAGES).then(function (cache) { cache.put(url.origin + url.pathname, copy); });
      }
      return response;
    });
  }

  function pageFromCache(request) {
    var url = new URL(request.url);
    return caches.open(PAGES).then(function (cache) {
      return cache.match(url.origin + url.pathname);
    }).then(function (hit) {
      return hit || caches.match(config.offline);
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") {
      return;
    }
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) {
      return;
    }
    if (url.pathname.indexOf(config.static) === 0) {
      event.respondWith(caches.match(request).then(function (hit) {
        return hit || fetch(request);
      }));
      return;
    }
    if (request.mode === "navigate") {
      if (isOfflinePage(url)) {
        event.respondWith(pageFromNetwork(request).catch(function () {
          return pageFromCache(request);
        }));
      } else if (self.navigator && self.navigator.onLine === false) {
        // any other page while the device knows it is offline: the offline page, not the browser's
        event.respondWith(fetch(request).catch(function () {
          return caches.match(config.offline).then(function (hit) {
            return hit || new Response("offline", { status: 503 });
          });
        }));
      }
    }
  });

  // offline.js asks, when online, to refresh the kept pages (so that the client list and the form
  // are there offline even if not opened today); and to forget them at logout.
  self.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "warm") {
      event.waitUntil(caches.open(PAGES).then(function (cache) {
        return Promise.all(config.pages.map(function (path) {
          return fetch(path, { credentials: "same-origin" }).then(function (response) {
            if (response.ok && !response.redirected) {
              return cache.put(new URL(path, self.location.origin).href, response);
            }
            return null;
          }).catch(function () { return null; });
        }));
      }));
    } else if (data.type === "forget") {
      event.waitUntil(caches.delete(PAGES));
    }
  });
})();
