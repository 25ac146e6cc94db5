// Enhances the solar map page: draws the public map data with MapLibre GL JS (served from this
// origin) and searches addresses without a page load. Everything it shows comes from the public
// GeoJSON, which carries only street, house number and colour. Without JavaScript or WebGL the
// page keeps working: the search form then goes to the server.
(function () {
  'use strict';
  var el = document.getElementById('solar-map');
  var form = document.getElementById('solar-search');
  var results = document.getElementById('solar-results');
  if (!el || !form || !results) return;
  var d = el.dataset;

  // The legend in the page is the one source of colours, patterns and labels.
  var classes = Array.prototype.map.call(document.querySelectorAll('.solar-legend__list li'), function (li) {
    return { colour: li.dataset.colour, pattern: li.dataset.pattern, label: li.dataset.label };
  });
  /** 0 = best: the legend lists the classes from best to worst. */
  function rank(colour) {
    for (var i = 0; i < classes.length; i++) if (classes[i].colour === colour) return i;
    return classes.length;
  }
  function classOf(colour) {
    for (var i = 0; i < classes.length; i++) if (classes[i].colour === colour) return classes[i];
    return { colour: colour, pattern: 'solid', label: '' };
  }

  // Mirrors streetKey / numberKey / splitAddress in solar.address.ts.
  function fold(t) {
    return t
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '');
  }
  function streetKey(s) {
    return fold(s)
      .replace(/strasse/g, 'str')
      .replace(/[^a-z0-9]/g, '');
  }
  function numberKey(n) {
    return fold(n)
      .replace(/[\u2010-\u2015]/g, '-')
      .replace(/[^a-z0-9-]/g, '');
  }
  function splitAddress(street, number) {
    var s = street.trim();
    var n = number.trim();
    if (n !== '') return { street: s, number: n };
    var m = /^(.*\D)\s+(\d+\s*[a-zA-Z]?(\s*[-–]\s*\d+\s*[a-zA-Z]?)?)$/.exec(s);
    return m ? { street: m[1].trim(), number: m[2].trim() } : { street: s, number: '' };
  }

  /** RGBA tiles for the patterns, drawn over the class colour (as the legend's CSS does). */
  function patternImage(kind) {
    var size = 12;
    var data = new Uint8Array(size * size * 4);
    for (var y = 0; y < size; y++) {
      for (var x = 0; x < size; x++) {
        var on = false;
        var light = false;
        if (kind === 'stripes') {
          on = (x + y) % 6 < 2;
          light = true;
        } else if (kind === 'dots') {
          var dx = (x % 6) - 2.5;
          var dy = (y % 6) - 2.5;
          on = dx * dx + dy * dy <= 2.3;
        } else if (kind === 'hatch') {
          on = (x + y) % 6 === 0 || (x - y + 12) % 6 === 0;
        }
        var i = (y * size + x) * 4;
        if (on) {
          data[i] = light ? 255 : 50;
          data[i + 1] = light ? 255 : 30;
          data[i + 2] = light ? 255 : 10;
          data[i + 3] = light ? 170 : 150;
        }
      }
    }
    return { width: size, height: size, data: data };
  }

  function boundsOf(features) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    features.forEach(function (f) {
      f.geometry.coordinates.forEach(function (polygon) {
        polygon[0].forEach(function (p) {
          if (p[0] < b[0]) b[0] = p[0];
          if (p[1] < b[1]) b[1] = p[1];
          if (p[0] > b[2]) b[2] = p[0];
          if (p[1] > b[3]) b[3] = p[1];
        });
      });
    });
    return isFinite(b[0])
      ? [
          [b[0], b[1]],
          [b[2], b[3]],
        ]
      : null;
  }

  var map = null;
  var features = [];
  var ready = false;

  function show(street, number) {
    var matching = features.filter(function (f) {
      return f.properties.street === street && f.properties.number === number;
    });
    var bounds = boundsOf(matching);
    if (!bounds) return;
    map.setFilter('solar-selected', ['all', ['==', ['get', 'street'], street], ['==', ['get', 'number'], number]]);
    map.fitBounds(bounds, { padding: 80, maxZoom: 18, duration: 600 });
  }

  function label(f) {
    var p = f.properties;
    var address = p.street ? (p.street + ' ' + (p.number || '')).trim() : '';
    var cls = classOf(p.colour).label;
    return address ? address + ': ' + cls : cls;
  }

  function renderHits(hits) {
    results.textContent = '';
    var heading = document.createElement('p');
    heading.className = 'solar-results__count';
    heading.textContent = hits.length === 0 ? d.msgNone : d.msgFound.replace('{n}', String(hits.length));
    results.appendChild(heading);
    if (hits.length === 0) return;
    var list = document.createElement('ul');
    list.className = 'solar-hits__list';
    hits.slice(0, 50).forEach(function (f) {
      var li = document.createElement('li');
      li.className = 'solar-hit';
      var swatch = document.createElement('span');
      swatch.className = 'solar-swatch solar-swatch--' + classOf(f.properties.colour).pattern;
      swatch.setAttribute('aria-hidden', 'true');
      var text = document.createElement('span');
      text.textContent = label(f);
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--secondary button--small';
      button.textContent = d.msgShow;
      button.setAttribute('aria-label', label(f) + ' – ' + d.msgShow);
      button.addEventListener('click', function () {
        show(f.properties.street, f.properties.number);
        el.scrollIntoView({ behavior: 'smooth', block: 'center' });
      });
      li.appendChild(swatch);
      li.appendChild(text);
      li.appendChild(button);
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  form.addEventListener('submit', function (event) {
    var typed = splitAddress(form.elements.namedItem('strasse').value, form.elements.namedItem('nr').value);
    var sk = streetKey(typed.street);
    // Until the map is ready, and for input the server must judge, the form goes to the server.
    if (!ready || sk === '') return;
    event.preventDefault();
    var nk = numberKey(typed.number);
    // One hit per address, with the best class of its buildings (as the server's search).
    var best = {};
    features.forEach(function (f) {
      var p = f.properties;
      if (!p.street || streetKey(p.street).indexOf(sk) !== 0 || (nk !== '' && numberKey(p.number || '') !== nk)) return;
      var key = p.street + '|' + p.number;
      if (!best[key] || rank(p.colour) < rank(best[key].properties.colour)) best[key] = f;
    });
    var hits = Object.keys(best)
      .map(function (key) {
        return best[key];
      })
      .sort(function (a, b) {
        return (
          a.properties.street.localeCompare(b.properties.street, 'de') ||
          parseInt(a.properties.number, 10) - parseInt(b.properties.number, 10) ||
          a.properties.number.localeCompare(b.properties.number)
        );
      });
    renderHits(hits);
    if (hits.length > 0) show(hits[0].properties.street, hits[0].properties.number);
  });

  var german = d.locale === 'de';
  Promise.all([
    fetch(d.geojson, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('map data: HTTP ' + r.status);
      return r.json();
    }),
    import(d.maplibre),
  ])
    .then(function (loaded) {
      var data = loaded[0];
      var maplibregl = loaded[1];
      features = data.features;
      var style = { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }] };
      if (d.basemap) {
        style.sources.basemap = { type: 'raster', tiles: [d.basemap], tileSize: 256, attribution: d.basemapAttribution };
        style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
      }
      var bounds = boundsOf(features);
      map = new maplibregl.Map({
        container: el,
        style: style,
        maxZoom: 19,
        attributionControl: { compact: false },
        bounds: bounds || undefined,
        center: bounds ? undefined : [10.45, 51.16],
        zoom: bounds ? undefined : 5,
        fitBoundsOptions: { padding: 24 },
        dragRotate: false,
        pitchWithRotate: false,
        locale: german
          ? {
              'NavigationControl.ZoomIn': 'Vergrößern',
              'NavigationControl.ZoomOut': 'Verkleinern',
              'NavigationControl.ResetBearing': 'Nach Norden ausrichten',
              'Popup.Close': 'Schließen',
              'Map.Title': d.label,
            }
          : { 'Map.Title': d.label },
      });
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      map.getCanvas().setAttribute('aria-label', d.label);
      map.on('load', function () {
        ['stripes', 'dots', 'hatch'].forEach(function (p) {
          map.addImage('solar-' + p, patternImage(p), { pixelRatio: 1 });
        });
        map.addSource('buildings', { type: 'geojson', data: data, attribution: d.attribution });
        map.addLayer({
          id: 'solar-fill',
          type: 'fill',
          source: 'buildings',
          paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': d.basemap ? 0.85 : 1 },
        });
        var patterned = classes.filter(function (c) {
          return c.pattern !== 'solid';
        });
        var match = ['match', ['get', 'colour']];
        patterned.forEach(function (c) {
          match.push(c.colour, 'solar-' + c.pattern);
        });
        match.push('solar-hatch');
        map.addLayer({
          id: 'solar-pattern',
          type: 'fill',
          source: 'buildings',
          filter: [
            'in',
            ['get', 'colour'],
            [
              'literal',
              patterned.map(function (c) {
                return c.colour;
              }),
            ],
          ],
          paint: { 'fill-pattern': match },
        });
        map.addLayer({ id: 'solar-outline', type: 'line', source: 'buildings', paint: { 'line-color': '#3b2a1a', 'line-width': 1 } });
        map.addLayer({
          id: 'solar-selected',
          type: 'line',
          source: 'buildings',
          filter: ['==', ['get', 'street'], ''],
          paint: { 'line-color': '#1a4fd6', 'line-width': 4 },
        });
        map.on('click', 'solar-fill', function (e) {
          var f = e.features && e.features[0];
          if (f) new maplibregl.Popup({ closeButton: true }).setLngLat(e.lngLat).setText(label(f)).addTo(map);
        });
        map.on('mouseenter', 'solar-fill', function () {
          map.getCanvas().classList.add('solar-map__canvas--pointer');
        });
        map.on('mouseleave', 'solar-fill', function () {
          map.getCanvas().classList.remove('solar-map__canvas--pointer');
        });
        var fallback = el.querySelector('.solar-map__fallback');
        if (fallback) fallback.remove();
        el.classList.add('solar-map--ready');
        ready = true;
      });
    })
    .catch(function (err) {
      // No WebGL, or the data did not load: the fallback text stays, the form goes to the server.
      el.classList.add('solar-map--failed');
      if (window.console) console.warn('solar map unavailable:', err && err.message ? err.message : err);
    });
})();
