// Enhances the solar map page: draws the public map data with MapLibre GL JS (served from this
// origin), a base map of our own (building ground plans and street names from the 3D city model),
// a 3D view, and searches addresses without a page load. The building data carry only street,
// house number and colour (C24); the 3D layer only colours and heights. A third party's base map
// loads only after the visitor asks for it with its button, for this page only (C12): the choice
// lives in a variable, never in a cookie or storage. Without JavaScript or WebGL the page keeps
// working: the search form then goes to the server.
(function () {
  'use strict';
  var el = document.getElementById('solar-map');
  var form = document.getElementById('solar-search');
  var results = document.getElementById('solar-results');
  if (!el || !form || !results) return;
  var d = el.dataset;
  var streetInput = form.elements.namedItem('strasse');
  var numberInput = form.elements.namedItem('nr');

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

  function eachPoint(feature, fn) {
    feature.geometry.coordinates.forEach(function (polygon) {
      polygon[0].forEach(fn);
    });
  }

  function boundsOf(features) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    features.forEach(function (f) {
      eachPoint(f, function (p) {
        if (p[0] < b[0]) b[0] = p[0];
        if (p[1] < b[1]) b[1] = p[1];
        if (p[0] > b[2]) b[2] = p[0];
        if (p[1] > b[3]) b[3] = p[1];
      });
    });
    return isFinite(b[0])
      ? [
          [b[0], b[1]],
          [b[2], b[3]],
        ]
      : null;
  }

  /**
   * Where the buildings are: their extent without the few outliers that lie far out (a barn a
   * kilometre down the road), so the village does not shrink to a strip in an empty box. An end
   * is trimmed while its outermost building is further from the next one than a sixth of the
   * whole extent, at most a tenth of the buildings per end.
   */
  function mainBounds(features) {
    if (features.length < 10) return boundsOf(features);
    var lons = [];
    var lats = [];
    features.forEach(function (f) {
      var sx = 0;
      var sy = 0;
      var n = 0;
      eachPoint(f, function (p) {
        sx += p[0];
        sy += p[1];
        n += 1;
      });
      lons.push(sx / n);
      lats.push(sy / n);
    });
    function trimmed(list) {
      var v = list.slice().sort(function (a, b) {
        return a - b;
      });
      var lo = 0;
      var hi = v.length - 1;
      var most = Math.floor(v.length / 10);
      for (var changed = true; changed; ) {
        changed = false;
        var span = v[hi] - v[lo];
        if (lo < most && v[lo + 1] - v[lo] > span / 6) {
          lo += 1;
          changed = true;
        } else if (v.length - 1 - hi < most && v[hi] - v[hi - 1] > span / 6) {
          hi -= 1;
          changed = true;
        }
      }
      return [v[lo], v[hi]];
    }
    var kept = { lon: trimmed(lons), lat: trimmed(lats) };
    // Whole buildings in view: widen by the building extent around the kept centres.
    var inside = features.filter(function (_f, i) {
      return lons[i] >= kept.lon[0] && lons[i] <= kept.lon[1] && lats[i] >= kept.lat[0] && lats[i] <= kept.lat[1];
    });
    return boundsOf(inside);
  }

  var map = null;
  var maplibre = null;
  var features = [];
  var ready = false;
  var threeD = false;
  var NOTHING = ['==', ['get', 'street'], '\u0000'];

  function addressFilter(addresses) {
    if (addresses.length === 0) return NOTHING;
    return ['any'].concat(
      addresses.map(function (a) {
        return ['all', ['==', ['get', 'street'], a.street], ['==', ['get', 'number'], a.number]];
      }),
    );
  }

  /** Marks the addresses on the map and brings them into view (none: clears the mark). */
  function show(addresses) {
    map.setFilter('solar-selected', addressFilter(addresses));
    // Screen readers hear what is marked with the map's name.
    var marked = addresses.slice(0, 5).map(function (a) {
      return `${a.street} ${a.number}`.trim();
    });
    if (addresses.length > 5) marked.push('…');
    map.getCanvas().setAttribute('aria-label', marked.length ? `${d.label} – ${d.msgMarked} ${marked.join(', ')}` : d.label);
    var matching = features.filter(function (f) {
      return addresses.some(function (a) {
        return f.properties.street === a.street && f.properties.number === a.number;
      });
    });
    var bounds = boundsOf(matching);
    if (bounds) map.fitBounds(bounds, { padding: { top: 60, right: 70, bottom: 60, left: 60 }, maxZoom: 18, duration: 600 });
  }

  function label(f) {
    var p = f.properties;
    var address = p.street ? `${p.street} ${p.number || ''}`.trim() : '';
    var cls = classOf(p.colour).label;
    return address ? `${address}: ${cls}` : cls;
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
      swatch.className = `solar-swatch solar-swatch--${classOf(f.properties.colour).pattern}`;
      swatch.setAttribute('aria-hidden', 'true');
      var text = document.createElement('span');
      text.textContent = label(f);
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--secondary button--small';
      button.textContent = d.msgShow;
      button.setAttribute('aria-label', `${label(f)} – ${d.msgShow}`);
      button.addEventListener('click', function () {
        show([{ street: f.properties.street, number: f.properties.number }]);
        el.scrollIntoView({ behavior: 'smooth', block: 'center' });
      });
      li.appendChild(swatch);
      li.appendChild(text);
      li.appendChild(button);
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  // The platform's form pattern, for the search answered in the page: a summary first, focused,
  // each entry a link to its field, and the field marked invalid with its message.
  var fieldBox = streetInput.closest('.field');
  function clearError() {
    var summary = form.querySelector('.error-summary');
    if (summary) summary.remove();
    var message = document.getElementById('f-strasse-error');
    if (message) message.remove();
    fieldBox.classList.remove('field--error');
    streetInput.removeAttribute('aria-invalid');
    streetInput.setAttribute('aria-describedby', 'f-strasse-hint');
  }
  function showError(text) {
    clearError();
    var summary = document.createElement('div');
    summary.className = 'error-summary';
    summary.id = 'error-summary';
    summary.setAttribute('role', 'alert');
    summary.setAttribute('tabindex', '-1');
    summary.setAttribute('aria-labelledby', 'error-summary-title');
    var title = document.createElement('h2');
    title.id = 'error-summary-title';
    title.textContent = form.dataset.msgErrorTitle;
    var list = document.createElement('ul');
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.href = '#f-strasse';
    link.textContent = `${document.querySelector('label[for="f-strasse"]').firstChild.textContent}: ${text}`;
    link.addEventListener('click', function (event) {
      event.preventDefault();
      streetInput.focus();
    });
    item.appendChild(link);
    list.appendChild(item);
    summary.appendChild(title);
    summary.appendChild(list);
    form.insertBefore(summary, form.firstChild);
    var message = document.createElement('p');
    message.className = 'field__error';
    message.id = 'f-strasse-error';
    message.textContent = text;
    fieldBox.insertBefore(message, streetInput);
    fieldBox.classList.add('field--error');
    streetInput.setAttribute('aria-invalid', 'true');
    streetInput.setAttribute('aria-describedby', 'f-strasse-hint f-strasse-error');
    summary.focus();
  }

  function search() {
    var typed = splitAddress(streetInput.value, numberInput.value);
    var sk = streetKey(typed.street);
    var nk = numberKey(typed.number);
    // One hit per address, with the best class of its buildings (as the server's search); a part
    // of the name anywhere in it finds the street.
    var best = {};
    features.forEach(function (f) {
      var p = f.properties;
      if (!p.street || streetKey(p.street).indexOf(sk) === -1 || (nk !== '' && numberKey(p.number || '') !== nk)) return;
      var key = `${p.street}|${p.number}`;
      if (!best[key] || rank(p.colour) < rank(best[key].properties.colour)) best[key] = f;
    });
    var hits = Object.keys(best)
      .map(function (key) {
        return best[key];
      })
      .sort(function (a, b) {
        var ap = streetKey(a.properties.street).indexOf(sk) === 0 ? 0 : 1;
        var bp = streetKey(b.properties.street).indexOf(sk) === 0 ? 0 : 1;
        return (
          ap - bp ||
          a.properties.street.localeCompare(b.properties.street, 'de') ||
          parseInt(a.properties.number, 10) - parseInt(b.properties.number, 10) ||
          a.properties.number.localeCompare(b.properties.number)
        );
      });
    renderHits(hits);
    show(
      hits.map(function (f) {
        return { street: f.properties.street, number: f.properties.number };
      }),
    );
  }

  form.addEventListener('submit', function (event) {
    var typed = splitAddress(streetInput.value, numberInput.value);
    // Without a street the answer is the same as the server's, without a page load.
    if (streetKey(typed.street) === '' && typed.street === '') {
      event.preventDefault();
      results.textContent = '';
      if (map) show([]);
      showError(form.dataset.msgStreetRequired);
      return;
    }
    // Until the map is ready, and for input only the server can judge, the form goes to the server.
    if (!ready || streetKey(typed.street) === '') return;
    event.preventDefault();
    clearError();
    search();
  });

  // --- the map ---------------------------------------------------------------------------------

  // House numbers sit on the ground: in 3D they would show through the buildings.
  var LAYERS_2D = ['base-fill', 'base-outline', 'solar-fill', 'solar-pattern', 'solar-outline', 'house-numbers'];

  function set3d(on) {
    threeD = on;
    var button = document.getElementById('solar-3d');
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    var apply = function () {
      LAYERS_2D.forEach(function (id) {
        map.setLayoutProperty(id, 'visibility', on ? 'none' : 'visible');
      });
      map.setLayoutProperty('solar-3d', 'visibility', on ? 'visible' : 'none');
    };
    if (on && !map.getSource('model3d')) {
      // MapLibre lights extrusions by adding to their colour; a dim light keeps the class colours
      // of the roofs close to the legend's, and still shades walls apart from roofs.
      map.setLight({ anchor: 'viewport', color: '#ffffff', intensity: 0.15, position: [1.15, 210, 30] });
      map.addSource('model3d', { type: 'geojson', data: d.model3d, attribution: d.attribution });
      map.addLayer(
        {
          id: 'solar-3d',
          type: 'fill-extrusion',
          source: 'model3d',
          paint: {
            'fill-extrusion-color': ['get', 'colour'],
            'fill-extrusion-base': ['get', 'base'],
            'fill-extrusion-height': ['get', 'height'],
            'fill-extrusion-opacity': 1,
          },
        },
        'solar-selected',
      );
    }
    apply();
    if (on) {
      map.dragRotate.enable();
      map.touchZoomRotate.enableRotation();
      map.keyboard.enableRotation();
      map.easeTo({ pitch: 55, bearing: -20, zoom: map.getZoom() + 0.5, duration: 800 });
    } else {
      map.dragRotate.disable();
      map.touchZoomRotate.disableRotation();
      map.keyboard.disableRotation();
      map.easeTo({ pitch: 0, bearing: 0, zoom: map.getZoom() - 0.5, duration: 600 });
    }
  }

  function setExternal(on) {
    var button = document.getElementById('solar-external');
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    if (on && !map.getSource('external')) {
      map.addSource('external', { type: 'raster', tiles: [d.external], tileSize: 256, attribution: d.externalAttribution });
      map.addLayer({ id: 'external', type: 'raster', source: 'external' }, map.getLayer('own-tiles') ? 'own-tiles' : 'base-fill');
    }
    if (map.getLayer('external')) map.setLayoutProperty('external', 'visibility', on ? 'visible' : 'none');
    map.setPaintProperty('solar-fill', 'fill-opacity', on ? 0.85 : 1);
  }

  /** Per street line, a point halfway along it, with the angle that writes the name along it (upright). */
  function streetMiddles(base) {
    var out = [];
    base.features.forEach(function (f) {
      if (f.geometry.type !== 'LineString') return;
      var c = f.geometry.coordinates;
      var k = Math.cos((c[0][1] * Math.PI) / 180);
      var length = 0;
      for (var i = 1; i < c.length; i++) length += Math.hypot((c[i][0] - c[i - 1][0]) * k, c[i][1] - c[i - 1][1]);
      var half = length / 2;
      for (var j = 1; j < c.length; j++) {
        var step = Math.hypot((c[j][0] - c[j - 1][0]) * k, c[j][1] - c[j - 1][1]);
        if (step >= half || j === c.length - 1) {
          var t = step > 0 ? Math.min(1, half / step) : 0;
          var at = [c[j - 1][0] + t * (c[j][0] - c[j - 1][0]), c[j - 1][1] + t * (c[j][1] - c[j - 1][1])];
          // Clockwise from east on the screen (north up), kept between -90° and 90° so text stays upright.
          var angle = (-Math.atan2(c[j][1] - c[j - 1][1], (c[j][0] - c[j - 1][0]) * k) * 180) / Math.PI;
          if (angle > 90) angle -= 180;
          if (angle < -90) angle += 180;
          out.push({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: at },
            properties: { name: f.properties.name, rotate: angle },
          });
          break;
        }
        half -= step;
      }
    });
    return { type: 'FeatureCollection', features: out };
  }

  function addLayers(buildings, base) {
    ['stripes', 'dots', 'hatch'].forEach(function (p) {
      map.addImage(`solar-${p}`, patternImage(p), { pixelRatio: 1 });
    });
    if (d.tiles) {
      var zoom = d.tilesZoom.split(',').map(Number);
      var tiles = {
        type: 'raster',
        tiles: [d.tiles],
        tileSize: Number(d.tilesSize),
        minzoom: zoom[0],
        maxzoom: zoom[1],
        attribution: d.tilesAttribution,
      };
      if (d.tilesBounds) tiles.bounds = d.tilesBounds.split(',').map(Number);
      map.addSource('own-tiles', tiles);
      map.addLayer({ id: 'own-tiles', type: 'raster', source: 'own-tiles' });
    }
    // A wide tile buffer: a street name needs its whole line, not the piece inside one tile.
    map.addSource('base', { type: 'geojson', data: base });
    map.addSource('buildings', { type: 'geojson', data: buildings, attribution: d.attribution });
    var polygons = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
    map.addLayer({ id: 'base-fill', type: 'fill', source: 'base', filter: polygons, paint: { 'fill-color': '#e3ded4' } });
    map.addLayer({
      id: 'base-outline',
      type: 'line',
      source: 'base',
      filter: polygons,
      paint: { 'line-color': '#a39b8c', 'line-width': 1 },
    });
    map.addLayer({ id: 'solar-fill', type: 'fill', source: 'buildings', paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 1 } });
    var patterned = classes.filter(function (c) {
      return c.pattern !== 'solid';
    });
    var match = ['match', ['get', 'colour']];
    patterned.forEach(function (c) {
      match.push(c.colour, `solar-${c.pattern}`);
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
      filter: NOTHING,
      paint: { 'line-color': '#1a4fd6', 'line-width': 4 },
    });
    // Names and numbers are drawn with the browser's own fonts (no glyph server).
    var halo = { 'text-color': '#2b2b2b', 'text-halo-color': '#ffffff', 'text-halo-width': 2 };
    // Close up, names follow their street and repeat along it; further out a street is often
    // shorter on screen than its name, so it is written once, straight, turned along the street.
    map.addLayer({
      id: 'street-names',
      type: 'symbol',
      source: 'base',
      minzoom: 16.5,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 16, 12, 19, 16],
        'symbol-spacing': 250,
        'text-max-angle': 45,
      },
      paint: halo,
    });
    map.addSource('street-middles', { type: 'geojson', data: streetMiddles(base) });
    map.addLayer({
      id: 'street-names-middle',
      type: 'symbol',
      source: 'street-middles',
      maxzoom: 16.5,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': 12,
        'text-rotate': ['get', 'rotate'],
        'text-rotation-alignment': 'map',
        'text-pitch-alignment': 'map',
      },
      paint: halo,
    });
    map.addLayer({
      id: 'street-names-point',
      type: 'symbol',
      source: 'base',
      filter: ['==', ['geometry-type'], 'Point'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': 13,
        'text-anchor': 'top',
        'text-offset': [0, 1],
      },
      paint: halo,
    });
    map.addLayer({
      id: 'house-numbers',
      type: 'symbol',
      source: 'buildings',
      minzoom: 17.5,
      filter: ['has', 'number'],
      layout: { 'text-field': ['get', 'number'], 'text-font': ['sans-serif'], 'text-size': 11, 'text-allow-overlap': false },
      paint: { 'text-color': '#1f1f1f', 'text-halo-color': 'rgba(255,255,255,0.85)', 'text-halo-width': 1.5 },
    });
  }

  var german = d.locale === 'de';
  Promise.all([
    fetch(d.geojson, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(`map data: HTTP ${r.status}`);
      return r.json();
    }),
    fetch(d.basemapGeojson, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(`base map: HTTP ${r.status}`);
      return r.json();
    }),
    import(d.maplibre),
  ])
    .then(function (loaded) {
      var data = loaded[0];
      maplibre = loaded[2];
      features = data.features;
      var bounds = mainBounds(features);
      map = new maplibre.Map({
        container: el,
        style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }] },
        maxZoom: 19,
        maxPitch: 70,
        // The data's attribution only (the default adds a link to MapLibre itself); compact on phones.
        attributionControl: {},
        bounds: bounds || undefined,
        center: bounds ? undefined : [10.45, 51.16],
        zoom: bounds ? undefined : 5,
        // Room for the scale (top left), the zoom buttons (right) and the attribution (bottom).
        fitBoundsOptions: { padding: { top: 40, right: 52, bottom: 44, left: 24 } },
        dragRotate: false,
        pitchWithRotate: true,
        locale: german
          ? {
              'NavigationControl.ZoomIn': 'Vergrößern',
              'NavigationControl.ZoomOut': 'Verkleinern',
              'NavigationControl.ResetBearing': 'Nach Norden ausrichten',
              'Popup.Close': 'Schließen',
              'ScaleControl.Meters': 'm',
              'ScaleControl.Kilometers': 'km',
              'Map.Title': d.label,
            }
          : { 'Map.Title': d.label },
      });
      map.touchZoomRotate.disableRotation();
      map.keyboard.disableRotation();
      map.addControl(new maplibre.NavigationControl({ showCompass: true, visualizePitch: true }), 'top-right');
      map.addControl(new maplibre.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'top-left');
      map.getCanvas().setAttribute('aria-label', d.label);
      map.on('load', function () {
        addLayers(data, loaded[1]);
        map.on('click', 'solar-fill', function (e) {
          var f = e.features?.[0];
          if (f) new maplibre.Popup({ closeButton: true }).setLngLat(e.lngLat).setText(label(f)).addTo(map);
        });
        // In 3D only the class of the roof clicked (its layer carries nothing else).
        map.on('click', 'solar-3d', function (e) {
          var f = e.features?.[0];
          var cls = f && classOf(f.properties.colour).label;
          if (cls) new maplibre.Popup({ closeButton: true }).setLngLat(e.lngLat).setText(cls).addTo(map);
        });
        map.on('mouseenter', 'solar-fill', function () {
          map.getCanvas().classList.add('solar-map__canvas--pointer');
        });
        map.on('mouseleave', 'solar-fill', function () {
          map.getCanvas().classList.remove('solar-map__canvas--pointer');
        });
        var tools = document.getElementById('solar-tools');
        document.getElementById('solar-3d').addEventListener('click', function () {
          set3d(!threeD);
        });
        var external = document.getElementById('solar-external');
        if (external && d.external) {
          external.addEventListener('click', function () {
            setExternal(external.getAttribute('aria-pressed') !== 'true');
          });
        }
        tools.hidden = false;
        var fallback = el.querySelector('.solar-map__fallback');
        if (fallback) fallback.remove();
        el.classList.add('solar-map--ready');
        ready = true;
        // Settled: everything in view is loaded and drawn (a state the page and its tests can see).
        map.on('idle', function () {
          el.classList.add('solar-map--idle');
        });
        map.on('dataloading', function () {
          el.classList.remove('solar-map--idle');
        });
        map.on('movestart', function () {
          el.classList.remove('solar-map--idle');
        });
        // An address in the page's own URL (a shared link) is searched at once.
        var query = new URLSearchParams(window.location.search);
        if (query.get('strasse')) {
          streetInput.value = query.get('strasse');
          numberInput.value = query.get('nr') || '';
          if (streetKey(streetInput.value) !== '') search();
        }
      });
    })
    .catch(function (err) {
      // No WebGL, or the data did not load: the fallback text stays, the form goes to the server.
      el.classList.add('solar-map--failed');
      if (window.console) console.warn('solar map unavailable:', err?.message ? err.message : err);
    });
})();
