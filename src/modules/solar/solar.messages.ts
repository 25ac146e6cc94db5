import { defineMessages } from '../../core/i18n/index.ts';

export const solarMessages = defineMessages({
  'map.title': { de: 'Solarkataster', en: 'Solar map' },
  'map.description': {
    de: 'Wie gut eignet sich Ihr Dach für Photovoltaik? Die Karte zeigt die Eignung jedes Gebäudes als Farbe.',
    en: 'How well is your roof suited to solar panels? The map shows each building’s suitability as a colour.',
  },
  'map.intro': {
    de: 'Für jedes Gebäude im 3D-Stadtmodell haben wir berechnet, wie viel Sonne seine Dachflächen über das Jahr erhalten, einschließlich der Verschattung durch Nachbargebäude. Die Karte zeigt das Ergebnis als Farbe, dazu Straße und Hausnummer – mehr zeigen wir öffentlich nicht.',
    en: 'For every building in the 3D city model we computed how much sunlight its roof surfaces receive over a year, including the shade of neighbouring buildings. The map shows the result as a colour, with street and house number – nothing more is public.',
  },
  'search.heading': { de: 'Adresse suchen', en: 'Find an address' },
  'search.street': { de: 'Straße', en: 'Street' },
  'search.streetHint': {
    de: 'Auch ein Teil des Namens genügt, z. B. „Byland“; „Str.“ und „Straße“, „ä“ und „ae“ gelten gleich.',
    en: 'Part of the name is enough, e.g. “Byland”; “Str.” and “Straße”, “ä” and “ae” count the same.',
  },
  'search.number': { de: 'Hausnummer', en: 'House number' },
  'search.submit': { de: 'Suchen', en: 'Search' },
  'search.title': { de: 'Adresssuche im Solarkataster', en: 'Address search in the solar map' },
  'search.resultsFor': { de: 'Ergebnisse für „{query}“', en: 'Results for “{query}”' },
  'search.none': {
    de: 'Zu dieser Adresse liegt kein Ergebnis vor. Prüfen Sie die Schreibweise oder suchen Sie nur nach der Straße.',
    en: 'There is no result for this address. Check the spelling or search for the street only.',
  },
  'search.more': {
    de: 'Es gibt weitere Treffer. Geben Sie auch die Hausnummer an, um die Suche einzugrenzen.',
    en: 'There are more results. Add the house number to narrow the search.',
  },
  'search.found': { de: '{n} Treffer', en: '{n} results' },
  'search.sharedAddress': {
    de: 'Stehen mehrere Gebäude unter einer Adresse, nennt die Suche das am besten geeignete Dach; die Karte zeigt jedes Gebäude einzeln.',
    en: 'Where several buildings share an address, the search names the best-suited roof; the map shows each building on its own.',
  },
  'search.showOnMap': { de: 'auf der Karte zeigen', en: 'show on the map' },
  'search.backToMap': { de: 'Zurück zur Karte', en: 'Back to the map' },
  'search.error.street': { de: 'Bitte geben Sie eine Straße an.', en: 'Please enter a street.' },
  'map.heading': { de: 'Karte', en: 'Map' },
  'map.region': { de: 'Karte der Dacheignung für Photovoltaik', en: 'Map of roof suitability for solar panels' },
  'map.noScript': {
    de: 'Die Karte braucht JavaScript und WebGL. Die Adresssuche oben funktioniert auch ohne.',
    en: 'The map needs JavaScript and WebGL. The address search above works without them.',
  },
  'map.keyboard': {
    de: 'Mit der Tastatur: Karte fokussieren, dann mit den Pfeiltasten verschieben und mit + und − zoomen; in der 3D-Ansicht mit Umschalttaste und Pfeiltasten drehen und neigen.',
    en: 'With the keyboard: focus the map, then move it with the arrow keys and zoom with + and −; in the 3D view, turn and tilt it with Shift and the arrow keys.',
  },
  'map.computing': {
    de: 'Die Karte wird gerade berechnet: Noch sind nicht alle Gebäude eingezeichnet. Laden Sie die Seite in einer Minute neu, um alle zu sehen.',
    en: 'The map is still being computed: not every building is shown yet. Reload the page in a minute to see them all.',
  },
  'map.empty': {
    de: 'Für die Karte liegen noch keine berechneten Gebäude vor.',
    en: 'There are no computed buildings for the map yet.',
  },
  'view.3d': { de: '3D-Ansicht', en: '3D view' },
  'map.marked': { de: 'markiert:', en: 'marked:' },
  'legend.heading': { de: 'Legende: Eignung des Dachs', en: 'Legend: suitability of the roof' },
  'legend.intro': {
    de: 'Maßstab ist die Sonneneinstrahlung auf eine unverschattete, nach Süden ausgerichtete Fläche mit 35° Neigung am selben Ort (100 %). Jede Farbe hat zusätzlich ein eigenes Muster.',
    en: 'The yardstick is the sunlight on an unshaded surface facing south at a 35° tilt in the same place (100 %). Each colour also has a pattern of its own.',
  },
  'class.veryGood': { de: 'Sehr gut geeignet', en: 'Very well suited' },
  'class.good': { de: 'Gut geeignet', en: 'Well suited' },
  'class.suitable': { de: 'Bedingt geeignet', en: 'Partly suited' },
  'class.unsuitable': { de: 'Nicht geeignet', en: 'Not suited' },
  'pattern.solid': { de: 'einfarbig', en: 'solid' },
  'pattern.stripes': { de: 'Streifen', en: 'stripes' },
  'pattern.dots': { de: 'Punkte', en: 'dots' },
  'pattern.hatch': { de: 'Gitter', en: 'cross-hatch' },
  'legend.veryGood': { de: 'mindestens {veryGood} % der Einstrahlung', en: 'at least {veryGood} % of the sunlight' },
  'legend.good': { de: '{good} bis unter {veryGood} %', en: '{good} to under {veryGood} %' },
  'legend.suitable': { de: '{suitable} bis unter {good} %', en: '{suitable} to under {good} %' },
  'legend.unsuitable': {
    de: 'unter {suitable} %, mehr als {loss} % Verlust durch Verschattung oder weniger als {area} m² nutzbare Dachfläche',
    en: 'under {suitable} %, more than {loss} % lost to shade, or less than {area} m² of usable roof',
  },
  'basemap.none': {
    de: 'Die Karte zeigt die Gebäude des 3D-Stadtmodells und die Straßennamen aus seinen Adressen, alles von unserem eigenen Server: Beim Ansehen werden keine Daten an Dritte übertragen.',
    en: 'The map shows the buildings of the 3D city model and the street names from its addresses, all from our own server: viewing it sends no data to third parties.',
  },
  'basemap.own': {
    de: 'Die Karte zeigt die Gebäude des 3D-Stadtmodells, die Straßennamen aus seinen Adressen und eine Hintergrundkarte ({attribution}), alles von unserem eigenen Server: Beim Ansehen werden keine Daten an Dritte übertragen.',
    en: 'The map shows the buildings of the 3D city model, the street names from its addresses and a base map ({attribution}), all from our own server: viewing it sends no data to third parties.',
  },
  'basemap.external': {
    de: 'Auf Wunsch zeigen wir eine Hintergrundkarte von {host}. Erst wenn Sie sie einschalten, lädt Ihr Browser Kartenkacheln von dort und übermittelt dabei Ihre IP-Adresse und den angezeigten Kartenausschnitt. Ihre Wahl gilt nur, solange diese Seite geöffnet ist; wir speichern sie nicht.',
    en: 'On request we show a base map by {host}. Only once you switch it on does your browser load map tiles from there, sending it your IP address and the map area shown. Your choice holds only while this page is open; we do not store it.',
  },
  'basemap.button': { de: 'Hintergrundkarte von {host}', en: 'Base map by {host}' },
  'source.data': { de: 'Datengrundlage: {attribution}.', en: 'Data: {attribution}.' },
  'source.heights': {
    de: 'Die 3D-Ansicht zeigt die Gebäude in ihren gemessenen Höhen (in Metern über dem Boden); die Maßstabsleiste der Karte misst in Metern.',
    en: 'The 3D view shows the buildings at their measured heights (in metres above the ground); the map’s scale bar measures in metres.',
  },
  'source.method': {
    de: 'Berechnet mit dem Sonnenstand nach NREL SPA, dem Himmelsmodell nach Perez und einem stündlichen Wetterjahr.',
    en: 'Computed with the NREL SPA sun position, the Perez sky model and an hourly weather year.',
  },
  'objection.teaser.heading': { de: 'Ihr Gebäude nicht in der Karte zeigen', en: 'Keep your building off the map' },
  'objection.teaser.text': {
    de: 'Sie sind Eigentümerin, Eigentümer, Mieterin oder Mieter und möchten nicht, dass Ihr Gebäude hier erscheint? Nach Ihrem Widerspruch verschwindet es sofort aus Karte, Suche und Kartendaten.',
    en: 'You own or rent a building and do not want it shown here? Once you object, it disappears from the map, the search and the map data at once.',
  },
  'objection.teaser.link': { de: 'Widerspruch einlegen', en: 'Object to the publication' },
  'objection.title': { de: 'Widerspruch: Gebäude nicht im Solarkataster zeigen', en: 'Objection: do not show a building in the solar map' },
  'objection.intro': {
    de: 'Mit diesem Formular widersprechen Sie der Veröffentlichung eines Gebäudes im Solarkataster. Es wird sofort aus Karte, Adresssuche und Kartendaten entfernt und bleibt es auch nach jeder Aktualisierung des Stadtmodells.',
    en: 'With this form you object to a building being published in the solar map. It is removed from the map, the address search and the map data at once, and stays removed after every update of the city model.',
  },
  'objection.role': { de: 'Sie sind', en: 'You are' },
  'objection.role.owner': { de: 'Eigentümerin oder Eigentümer', en: 'the owner' },
  'objection.role.tenant': { de: 'Mieterin oder Mieter', en: 'a tenant' },
  'objection.street': { de: 'Straße des Gebäudes', en: 'Street of the building' },
  'objection.number': { de: 'Hausnummer', en: 'House number' },
  'objection.postcode': { de: 'Postleitzahl', en: 'Postcode' },
  'objection.town': { de: 'Ort', en: 'Town' },
  'objection.name': { de: 'Ihr Name', en: 'Your name' },
  'objection.email': { de: 'Ihre E-Mail-Adresse', en: 'Your e-mail address' },
  'objection.emailHint': { de: 'Nur für Rückfragen zu Ihrem Widerspruch.', en: 'Only for questions about your objection.' },
  'objection.privacy': {
    de: 'Wir speichern Ihren Namen, Ihre E-Mail-Adresse und die Adresse des Gebäudes, um den Widerspruch nachweisen und Rückfragen beantworten zu können – so lange, wie das Gebäude im Stadtmodell enthalten ist. Einzelheiten finden Sie in der Datenschutzerklärung.',
    en: 'We keep your name, your e-mail address and the building’s address to prove the objection and to answer questions about it, for as long as the building is part of the city model. The privacy statement has the details.',
  },
  'objection.submit': { de: 'Widerspruch absenden', en: 'Send the objection' },
  'objection.error.notFound': {
    de: 'Zu dieser Adresse finden wir kein Gebäude im Solarkataster. Bitte prüfen Sie Straße und Hausnummer.',
    en: 'We cannot find a building at this address in the solar map. Please check the street and house number.',
  },
  'objection.error.ambiguous': {
    de: 'Diese Adresse gibt es in mehreren Orten. Bitte geben Sie die Postleitzahl oder den Ort an.',
    en: 'This address exists in more than one town. Please add the postcode or the town.',
  },
  'objection.error.postcode': { de: 'Eine Postleitzahl hat fünf Ziffern.', en: 'A German postcode has five digits.' },
  'objection.error.number': {
    de: 'Eine Hausnummer beginnt mit einer Ziffer, z. B. 12 oder 12a.',
    en: 'A house number starts with a digit, e.g. 12 or 12a.',
  },
  'objection.received.title': { de: 'Widerspruch eingegangen', en: 'Objection received' },
  'objection.received.text': {
    de: 'Vielen Dank. Das Gebäude wird ab sofort nicht mehr in der Karte, der Adresssuche und den Kartendaten gezeigt – auch nach künftigen Aktualisierungen des Stadtmodells.',
    en: 'Thank you. From now on the building is no longer shown in the map, the address search or the map data – also after future updates of the city model.',
  },
});

export type SolarMessageKey = keyof typeof solarMessages;
